package dev.taskstream.bench;

import org.HdrHistogram.Histogram;

/** A latency distribution in microseconds, reported in milliseconds. */
final class Latencies {
    private final Histogram h = new Histogram(3);
    private long clampedToZero;
    private long mostNegativeNanos;

    synchronized void recordNanos(long nanos) {
        if (nanos < 0) {
            clampedToZero++;
            mostNegativeNanos = Math.min(mostNegativeNanos, nanos);
            nanos = 0;
        }
        h.recordValue(nanos / 1_000);
    }

    synchronized void add(Latencies other) {
        synchronized (other) {
            h.add(other.h);
            clampedToZero += other.clampedToZero;
            mostNegativeNanos = Math.min(mostNegativeNanos, other.mostNegativeNanos);
        }
    }

    synchronized long count() {
        return h.getTotalCount();
    }

    /** Samples that were negative (the client saw the event before the commit listener ran) and counted as 0. */
    synchronized long clampedToZero() {
        return clampedToZero;
    }

    /** The most negative sample before clamping, in milliseconds (0 when none). */
    synchronized double mostNegativeMillis() {
        return mostNegativeNanos / 1e6;
    }

    synchronized double p50() {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(50) / 1000.0;
    }

    synchronized double p99() {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0;
    }

    synchronized double max() {
        return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0;
    }
}
