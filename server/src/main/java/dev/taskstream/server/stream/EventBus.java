package dev.taskstream.server.stream;

import dev.taskstream.server.metrics.Metrics;
import dev.taskstream.server.task.TaskEvent;
import dev.taskstream.server.task.TaskEventListener;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The in-process pipeline from committed events to stream clients: each event becomes one
 * {@link SseFrame} (serialized once) offered to every interested subscriber without blocking.
 * Fed by the task event log's sink after each local commit and, on Postgres, by {@link PgEventListener}.
 */
public final class EventBus implements TaskEventListener {
    private final Map<UUID, Set<Subscriber>> byTask = new ConcurrentHashMap<>();
    private final Set<Subscriber> allTasks = new CopyOnWriteArraySet<>();
    /** Newest seq seen per task with watchers; lets remote fetches ask only for what is new. */
    private final Map<UUID, Long> newestSeq = new ConcurrentHashMap<>();
    private final Metrics metrics;
    private volatile boolean closed;

    public EventBus(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void committed(TaskEvent event) {
        newestSeq.merge(event.taskId(), event.seq(), Math::max);
        SseFrame frame = new SseFrame(event);
        Set<Subscriber> watchers = byTask.get(event.taskId());
        if (watchers != null) {
            frame.withIdBuffer(); // made here, once, before any writer asks for it
            watchers.forEach(s -> deliver(s, frame));
        }
        allTasks.forEach(s -> deliver(s, frame));
        if (frame.isTerminal()) {
            newestSeq.remove(event.taskId());
        }
    }

    /** Sends a stream-level {@code error} event to every open stream (e.g. the database is unreachable). */
    public void broadcastError(String error, String detail) {
        SseFrame frame = SseFrame.streamError(error, detail);
        byTask.values().forEach(set -> set.forEach(s -> deliver(s, frame)));
        allTasks.forEach(s -> deliver(s, frame));
    }

    private void deliver(Subscriber s, SseFrame frame) {
        if (s.wants(frame)) {
            boolean wasOverflowed = s.overflowed();
            s.offer(frame);
            if (s.overflowed() && !wasOverflowed) {
                metrics.streamDropped();
            }
        }
    }

    Subscriber subscribeTask(UUID taskId, int capacity) {
        Subscriber s = new Subscriber(taskId, null, capacity);
        byTask.computeIfAbsent(taskId, k -> new CopyOnWriteArraySet<>()).add(s);
        if (closed) {
            s.shutdownNow();
        }
        return s;
    }

    Subscriber subscribeAll(String projectId, int capacity) {
        Subscriber s = new Subscriber(null, projectId, capacity);
        allTasks.add(s);
        if (closed) {
            s.shutdownNow();
        }
        return s;
    }

    void unsubscribe(Subscriber s) {
        if (s.taskId == null) {
            allTasks.remove(s);
            return;
        }
        byTask.computeIfPresent(s.taskId, (id, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
    }

    /** Tasks some local client watches (for catching up after the LISTEN connection was lost). */
    Set<UUID> watchedTasks() {
        return Set.copyOf(byTask.keySet());
    }

    boolean hasWatchers(UUID taskId) {
        return byTask.containsKey(taskId) || !allTasks.isEmpty();
    }

    long newestSeq(UUID taskId) {
        return newestSeq.getOrDefault(taskId, 0L);
    }

    /** Ends every stream promptly (server shutdown). */
    public void close() {
        closed = true;
        byTask.values().forEach(set -> set.forEach(Subscriber::shutdownNow));
        allTasks.forEach(Subscriber::shutdownNow);
    }
}
