package dev.taskstream.server.stream;

import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One stream client's mailbox. The bus only ever offers (never blocks); when a client's buffer is
 * full it is marked overflowed and its connection is cut, so it never delays the others.
 */
final class Subscriber {
    /** Put in the queue to wake a waiting writer at shutdown. */
    private static final SseFrame WAKE_UP = new SseFrame(null);

    final UUID taskId;      // null: all tasks
    final String projectId; // filter of the all-tasks stream; null: every project
    private final BlockingQueue<SseFrame> queue;
    private volatile boolean overflowed;
    private volatile boolean shutdown;
    private volatile Runnable onOverflow = () -> { };

    Subscriber(UUID taskId, String projectId, int capacity) {
        this.taskId = taskId;
        this.projectId = projectId;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    boolean wants(SseFrame frame) {
        if (frame.isStreamError()) {
            return true;
        }
        if (taskId != null) {
            return taskId.equals(frame.taskId());
        }
        return projectId == null || projectId.equals(frame.event().projectId());
    }

    /** What to do when the client falls behind: cut its connection, so a writer blocked on it wakes up. */
    void onOverflow(Runnable action) {
        this.onOverflow = action;
    }

    void offer(SseFrame frame) {
        if (!queue.offer(frame) && !overflowed) {
            overflowed = true;
            onOverflow.run();
        }
    }

    /**
     * The next frame; null after {@code timeoutMillis} (time for a heartbeat) or when the writer must
     * stop, which {@link #overflowed()} and {@link #shutdown()} then tell.
     */
    SseFrame poll(long timeoutMillis) throws InterruptedException {
        if (overflowed || shutdown) {
            return null;
        }
        SseFrame frame = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        return frame == WAKE_UP ? null : frame;
    }

    /** The next frame if one is waiting, without blocking (to write a burst with one flush). */
    SseFrame pollNow() {
        if (overflowed || shutdown) {
            return null;
        }
        SseFrame frame = queue.poll();
        return frame == WAKE_UP ? null : frame;
    }

    boolean overflowed() {
        return overflowed;
    }

    boolean shutdown() {
        return shutdown;
    }

    /** Stops the writer promptly; undelivered frames are dropped (the client replays them on reconnect). */
    void shutdownNow() {
        shutdown = true;
        queue.clear();
        queue.offer(WAKE_UP);
    }
}
