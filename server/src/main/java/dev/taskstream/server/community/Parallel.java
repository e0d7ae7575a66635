package dev.taskstream.server.community;

/**
 * Runs two independent halves of a phase at the same time, one on a short-lived helper thread
 * and one on the caller, when the work is large enough and a second core is available.
 *
 * <p>Callers split their work so that the halves touch disjoint data and each uses its own
 * random generator derived from the seed; the result is therefore the same whether the halves
 * run in parallel or one after the other (which is what happens on one core or for small work).
 */
final class Parallel {

    /** Work (roughly: adjacency entries) below which the halves run sequentially; tests lower it. */
    static volatile long minParallelWork = 200_000;

    private Parallel() {
    }

    static boolean worthIt(long work) {
        return work >= minParallelWork && Runtime.getRuntime().availableProcessors() > 1;
    }

    /** Runs {@code first} and {@code second}, in parallel if {@code parallel}; rethrows their failures. */
    static void run(boolean parallel, Runnable first, Runnable second) {
        if (!parallel) {
            first.run();
            second.run();
            return;
        }
        Throwable[] failure = new Throwable[1];
        Thread helper = Thread.ofPlatform().name("community-detection-helper").daemon().start(() -> {
            try {
                second.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        Throwable own = null;
        try {
            first.run();
        } catch (Throwable t) {
            own = t;
        }
        boolean interrupted = false;
        while (true) {
            try {
                helper.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // finish the phase; cancellation is checked between iterations
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = own != null ? own : failure[0];
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    /**
     * Index {@code s} in {@code [0, k]} splitting items {@code 0..k-1}, whose cumulative work is
     * {@code prefix[i]} before item i ({@code prefix} has k + 1 entries), into two halves of
     * about equal work.
     */
    static int split(long[] prefix, int k) {
        long half = prefix[k] / 2;
        int lo = 0;
        int hi = k;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (prefix[mid] < half) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
