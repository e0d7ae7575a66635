package dev.taskstream.server.stream;

import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One stream client's mailbox. The bus only ever offers (never blocks); when a client's buffer is
 * full it is marked overflowed and its connection is cut, so it never delays the others. Every
 * offer (and overflow or shutdown) calls the stream's {@linkplain #onReady wake-up}, which schedules
 * a write unless one is already scheduled or in flight.
 */
final class Subscriber {
    final UUID taskId;      // null: all tasks
    final String projectId; // filter of the all-tasks stream; null: every project
    private final int capacity;
    private final ConcurrentLinkedQueue<SseFrame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private volatile boolean overflowed;
    private volatile boolean shutdown;
    private volatile Runnable onOverflow = () -> { };
    private volatile Runnable onReady = () -> { };

    Subscriber(UUID taskId, String projectId, int capacity) {
        this.taskId = taskId;
        this.projectId = projectId;
        this.capacity = capacity;
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

    /** What to do when the client falls behind: cut its connection, so a write pending on it fails at once. */
    void onOverflow(Runnable action) {
        this.onOverflow = action;
    }

    /** What to do when there is something to write or the stream must stop; cheap, called once per offer. */
    void onReady(Runnable action) {
        this.onReady = action;
    }

    void offer(SseFrame frame) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            if (!overflowed) {
                overflowed = true;
                onOverflow.run();
            }
        } else {
            queue.add(frame);
        }
        onReady.run();
    }

    /** The next frame if one is waiting, without blocking; null when none is or the writer must stop. */
    SseFrame poll() {
        if (overflowed || shutdown) {
            return null;
        }
        SseFrame frame = queue.poll();
        if (frame != null) {
            size.decrementAndGet();
        }
        return frame;
    }

    /** True when the writer has something to do: frames waiting, or a reason to stop. */
    boolean needsWriter() {
        return overflowed || shutdown || !queue.isEmpty();
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
        onReady.run();
    }
}
