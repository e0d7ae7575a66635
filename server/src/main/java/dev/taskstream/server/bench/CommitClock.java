package dev.taskstream.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.task.TaskEvent;
import dev.taskstream.server.task.TaskEventListener;
import dev.taskstream.shared.json.Json;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records {@code System.nanoTime()} of each committed event of the tracked tasks. Added to the task
 * store with {@code addListener}, it runs right after the commit, in the worker's thread (after the
 * stream bus, which the server registers first).
 */
final class CommitClock implements TaskEventListener {
    /** One task's commits: when each seq was committed, and which seq carried each message. */
    static final class Commits {
        final Map<Long, Long> nanosBySeq = new ConcurrentHashMap<>();
        final Map<String, Long> seqByMessage = new ConcurrentHashMap<>();
        volatile long maxSeq;
        volatile long terminalSeq = -1;
    }

    private final Map<UUID, Commits> tasks = new ConcurrentHashMap<>();

    Commits track(UUID taskId) {
        return tasks.computeIfAbsent(taskId, k -> new Commits());
    }

    void forget(UUID taskId) {
        tasks.remove(taskId);
    }

    @Override
    public void committed(TaskEvent event) {
        long now = System.nanoTime();
        Commits c = tasks.get(event.taskId());
        if (c == null) {
            return;
        }
        c.nanosBySeq.put(event.seq(), now);
        try {
            JsonNode payload = Json.mapper().readTree(event.payload());
            c.seqByMessage.putIfAbsent(payload.path("message").asText(""), event.seq());
        } catch (Exception e) {
            // a payload without a message: not observable by a poller anyway
        }
        if (event.seq() > c.maxSeq) {
            c.maxSeq = event.seq();
        }
        if (!event.name().equals("progress")) {
            c.terminalSeq = event.seq();
        }
    }
}
