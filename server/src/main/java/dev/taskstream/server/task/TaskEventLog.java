package dev.taskstream.server.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.taskstream.server.db.Database;
import dev.taskstream.shared.api.ProgressEvent;
import dev.taskstream.shared.api.StreamEvents;
import dev.taskstream.shared.api.TaskView;
import dev.taskstream.shared.json.Json;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The per-task event log: appends each state change as its wire event (with NOTIFY on Postgres) in
 * the changing transaction, replays events for streams, and hands every committed event to one sink.
 */
public final class TaskEventLog {
    private final Jdbi jdbi;
    private final Class<? extends TaskEventDao> dao;
    private final TaskStateSql writes;
    private final String notifyChannel;
    private final String nodeId;
    private final TaskEventListener sink;

    /** {@code sink} hears of each event after its commit, in the committing thread. */
    public TaskEventLog(Database db, String nodeId, TaskEventListener sink) {
        this.jdbi = db.jdbi();
        this.dao = TaskEventDao.forDialect(db.dialect());
        this.writes = TaskStateSql.forDialect(db.dialect());
        this.notifyChannel = jdbi.withExtension(dao, TaskEventDao::notifyChannel);
        this.nodeId = nodeId;
        this.sink = sink;
    }

    /** The channel that commits are announced on (Postgres LISTEN/NOTIFY). */
    public String notifyChannel() {
        return notifyChannel;
    }

    /** Events of one task with {@code seq > afterSeq}, in order. */
    public List<TaskEvent> eventsAfter(UUID taskId, long afterSeq) {
        return jdbi.withExtension(dao, d -> d.after(taskId, afterSeq));
    }

    /** The newest event of a task (its current state); empty for an unknown task. */
    public Optional<TaskEvent> latestEvent(UUID taskId) {
        return jdbi.withExtension(dao, d -> d.latest(taskId));
    }

    /** Appends the event of {@code row}'s new state in the transaction of {@code h}. */
    TaskEvent append(Handle h, TaskRow row) {
        return appendAll(h, List.of(row)).getFirst();
    }

    /**
     * Appends the events of several rows' new states in the transaction of {@code h}; on Postgres they share one
     * NOTIFY (or a few, for very many events), sent by the statement that inserts them.
     */
    List<TaskEvent> appendAll(Handle h, List<TaskRow> rows) {
        List<TaskEvent> appended = rows.stream().map(TaskEventLog::eventOf).toList();
        if (appended.isEmpty()) {
            return appended;
        }
        writes.appendEvents(h, appended, notifyChannel, EventNotice.payloads(nodeId, appended));
        return appended;
    }

    private static TaskEvent eventOf(TaskRow row) {
        TaskView view = row.toView();
        String payload;
        try {
            payload = Json.mapper().writeValueAsString(row.status().isTerminal() ? view : ProgressEvent.of(view));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize task event", e);
        }
        return new TaskEvent(row.id(), row.projectId(), row.lastSeq(), StreamEvents.forStatus(row.status()), payload,
                row.updatedAt());
    }

    /** Hands an appended event to the sink; call only after its transaction committed. */
    void committed(TaskEvent event) {
        sink.committed(event);
    }

    /** {@link #committed(TaskEvent)} for each event of a transaction, in order. */
    void committed(List<TaskEvent> events) {
        events.forEach(sink::committed);
    }
}
