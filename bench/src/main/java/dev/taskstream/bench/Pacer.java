package dev.taskstream.bench;

/**
 * A fixed-rate schedule for a benchmark's event source: event {@code i} is due {@code i × interval} after the
 * first call. The time an emit takes (a commit, for Taskstream) is part of the interval rather than added to
 * it, so a source that keeps up emits at the rate asked for; one that falls behind emits at once until it has
 * caught up, and its pace shows what it can sustain. Taskstream's {@code bench_steps} and the bare baseline
 * use the same schedule.
 */
final class Pacer {
    private final long intervalNanos;
    private long start;
    private long emitted;

    Pacer(long intervalMs) {
        this.intervalNanos = intervalMs * 1_000_000L;
    }

    /** Sleeps until the next event is due (not at all when it is due already, or with no interval). */
    void awaitNext() throws InterruptedException {
        if (intervalNanos <= 0) {
            return;
        }
        if (emitted == 0) {
            start = System.nanoTime();
        }
        emitted++;
        sleepUntil(start + emitted * intervalNanos);
    }

    /** Sleeps until {@code nanoTime} ({@link System#nanoTime()} scale); returns at once when it has passed. */
    static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
