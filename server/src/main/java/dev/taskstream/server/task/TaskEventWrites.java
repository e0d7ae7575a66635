package dev.taskstream.server.task;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;

/**
 * The writes of the event log, made in the transaction that changes the tasks. The task DAOs extend it, so one
 * attached DAO serves a whole state change: attaching a Jdbi SqlObject builds a handler for each of its methods,
 * and a second attach per transaction was a tenth of the server's CPU in {@code bench throughput}.
 */
interface TaskEventWrites {
    /** Appends several events (one JDBC batch). */
    @SqlBatch("INSERT INTO task_events (task_id, seq, event, payload, created_at) "
            + "VALUES (:taskId, :seq, :name, :payload, :createdAt)")
    void insertEvents(@BindMethods List<TaskEvent> events);

    /**
     * Appends {@code events} and, when this transaction commits, announces them to the other server processes
     * with {@code notices} on {@code channel}. H2 runs in one process: the in-process sink is the only one to tell.
     */
    default void append(List<TaskEvent> events, String channel, List<String> notices) {
        insertEvents(events);
    }
}
