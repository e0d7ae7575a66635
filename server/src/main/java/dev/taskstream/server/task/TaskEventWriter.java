package dev.taskstream.server.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.taskstream.shared.api.ProgressEvent;
import dev.taskstream.shared.api.StreamEvents;
import dev.taskstream.shared.api.TaskView;
import dev.taskstream.shared.json.Json;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The writing half of the event log: turns each saved row into its wire event, appends the events in the changing
 * transaction (with their NOTIFY on Postgres, through the storage's one {@link TaskStateSql}), and hands them to the
 * one sink once that transaction committed.
 */
final class TaskEventWriter {
    private final TaskStateSql sql;
    private final String notifyChannel;
    private final String nodeId;
    private final TaskEventListener sink;

    TaskEventWriter(TaskStateSql sql, String notifyChannel, String nodeId, TaskEventListener sink) {
        this.sql = sql;
        this.notifyChannel = notifyChannel;
        this.nodeId = nodeId;
        this.sink = sink;
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
        List<TaskEvent> appended = rows.stream().map(TaskEventWriter::eventOf).toList();
        if (appended.isEmpty()) {
            return appended;
        }
        sql.appendEvents(h, appended, notifyChannel, EventNotice.payloads(nodeId, appended));
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
