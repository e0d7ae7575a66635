package dev.taskstream.app.fx;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Where blocking work (REST calls) runs: virtual threads, never the FX thread. */
public final class Background {
    private static final ExecutorService EXECUTOR =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("taskstream-io-", 0).factory());

    private Background() {
    }

    public static void run(Runnable task) {
        EXECUTOR.execute(task);
    }
}
