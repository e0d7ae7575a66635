package dev.taskstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.task.TaskEvent;
import dev.taskstream.server.task.TaskEventListener;
import dev.taskstream.shared.json.Json;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records {@code System.nanoTime()} of each committed event of the tracked tasks. Given to
 * {@link dev.taskstream.server.TaskstreamServer#start(dev.taskstream.server.config.ServerSettings,
 * dev.taskstream.server.task.TaskRegistry, TaskEventListener)} as the commit observer, it runs right
 * after the commit, in the committing thread, ahead of the stream bus: a clock called after the bus
 * may run after a client already received the event (seen up to 17 ms late on a loaded 2-core
 * machine), which would understate every latency.
 */
final class CommitClock implements TaskEventListener {
    /** A note for the output saying when the commit time is taken. */
    String placement() {
        return "commit time taken by the server's commit observer, called before the stream bus";
    }

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
