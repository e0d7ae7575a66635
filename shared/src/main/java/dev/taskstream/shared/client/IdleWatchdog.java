package dev.taskstream.shared.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * Drops an open SSE connection that has been silent too long (no event, no heartbeat comment) by closing its body,
 * which ends the reader's blocking read. One per connection, on its own short-lived thread. Time the reader spends
 * in listener callbacks ({@link #dispatching()}) is not silence from the server.
 */
final class IdleWatchdog {
    private final long idleTimeoutNanos;
    private final Thread thread;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile boolean dispatching;
    private volatile boolean aborted;

    private IdleWatchdog(ThreadFactory threads, long idleTimeoutNanos, InputStream body) {
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.thread = idleTimeoutNanos > 0 ? threads.newThread(() -> watch(body)) : null;
    }

    /** Starts watching {@code body}; with a zero timeout nothing is watched. */
    static IdleWatchdog start(ThreadFactory threads, long idleTimeoutNanos, InputStream body) {
        IdleWatchdog w = new IdleWatchdog(threads, idleTimeoutNanos, body);
        if (w.thread != null) {
            w.thread.start();
        }
        return w;
    }

    /** The reader got bytes and now hands them to the listener: the clock stops. */
    void dispatching() {
        dispatching = true;
    }

    /** The reader is back to waiting for the server: the clock restarts. */
    void waiting() {
        lastActivityNanos = System.nanoTime();
        dispatching = false;
    }

    /** True when this watchdog closed the body. */
    boolean aborted() {
        return aborted;
    }

    void stop() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void watch(InputStream body) {
        while (!Thread.currentThread().isInterrupted()) {
            if (dispatching) {
                LockSupport.parkNanos(this, idleTimeoutNanos);
                continue;
            }
            long remaining = idleTimeoutNanos - (System.nanoTime() - lastActivityNanos);
            if (remaining <= 0) {
                aborted = true;
                closeQuietly(body);
                return;
            }
            LockSupport.parkNanos(this, remaining);
        }
    }

    static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException | RuntimeException ignored) {
                // closing is best effort
            }
        }
    }
}
