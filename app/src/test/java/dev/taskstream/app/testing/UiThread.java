package dev.taskstream.app.testing;

import dev.taskstream.app.fx.UiExecutor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Plays the FX application thread for view-model tests without a UI: one thread applies every update, and the
 * test reads state on that same thread ({@link #get}).
 */
public final class UiThread implements UiExecutor, AutoCloseable {
    // After close, updates are dropped, as Platform.runLater drops them after the FX toolkit exits: a background
    // load that a test's view model started may still post its result after the test ended.
    private final ExecutorService thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "test-ui");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());

    /**
     * Runs {@code command} on the UI thread; after {@link #close()} it is dropped, as a window that has closed
     * ignores the answer of a request it started (a reload that a finished task triggered may still be running).
     */
    @Override
    public void execute(Runnable command) {
        try {
            thread.execute(command);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closed: nobody reads this state any more
        }
    }

    public <T> T get(Supplier<T> read) {
        try {
            return thread.submit(read::get).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    public void run(Runnable r) {
        get(() -> {
            r.run();
            return null;
        });
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
