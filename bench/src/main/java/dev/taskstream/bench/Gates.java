package dev.taskstream.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Named one-shot gates that bench tasks wait on, so that a benchmark can attach its watchers before
 * the task starts emitting. In a child server process they are opened by a {@code go NAME} line on
 * standard input ({@link BenchServerMain}).
 */
public final class Gates {
    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    private Gates() {
    }

    private static CountDownLatch gate(String name) {
        return GATES.computeIfAbsent(name, n -> new CountDownLatch(1));
    }

    public static void open(String name) {
        gate(name).countDown();
    }

    /** True when the gate opened within the timeout. */
    static boolean await(String name, long timeoutMillis) throws InterruptedException {
        return gate(name).await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Forgets a gate (in-process benchmarks use a fresh name per run). */
    static void forget(String name) {
        GATES.remove(name);
    }
}
