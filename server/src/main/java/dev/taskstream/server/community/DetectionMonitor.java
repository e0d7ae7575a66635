package dev.taskstream.server.community;

/**
 * Progress callback of a detection run, called on the running thread between iterations (never
 * inside one): once before the first iteration with {@code (0, 0.0)}, then after each iteration.
 * The call after the last iteration reports fraction 1.0.
 *
 * <p>To cancel, throw an unchecked exception from {@link #onIteration} (for instance
 * {@link DetectionCancelledException}); the run stops and the exception propagates to the caller
 * of {@link CommunityDetector#detect}. Cancellation is therefore noticed at the next iteration
 * boundary, not in the middle of an iteration.
 */
@FunctionalInterface
public interface DetectionMonitor {

    /** Monitor that ignores progress and never cancels. */
    DetectionMonitor NONE = (iteration, estimatedFractionDone) -> {
    };

    /**
     * @param iteration             iterations completed so far (0 before the first)
     * @param estimatedFractionDone estimate of the work done, in [0, 1], non-decreasing during a run
     */
    void onIteration(int iteration, double estimatedFractionDone);
}
