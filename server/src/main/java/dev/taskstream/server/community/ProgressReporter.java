package dev.taskstream.server.community;

/**
 * Wraps a {@link DetectionMonitor} so that the algorithms can report rough estimates while the
 * monitor sees a clean contract: fractions clamped to [0, 1] and never decreasing. Also turns a
 * thread interrupt into {@link DetectionCancelledException} at the same iteration boundaries.
 */
final class ProgressReporter {

    private final DetectionMonitor monitor;
    private double lastFraction;

    ProgressReporter(DetectionMonitor monitor) {
        this.monitor = monitor == null ? DetectionMonitor.NONE : monitor;
    }

    void report(int iteration, double estimatedFraction) {
        if (Thread.currentThread().isInterrupted()) {
            throw new DetectionCancelledException("community detection interrupted after " + iteration + " iterations");
        }
        double clamped = Double.isNaN(estimatedFraction) ? lastFraction : Math.min(1.0, Math.max(0.0, estimatedFraction));
        lastFraction = Math.max(lastFraction, clamped);
        monitor.onIteration(iteration, lastFraction);
    }
}
