package dev.taskstream.server.task;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** {@link TaskEventWrites} on Postgres, where other server processes LISTEN for commits. */
interface PostgresEventWrites extends TaskEventWrites {
    /**
     * The events' rows and their NOTIFYs in one statement (one round trip, one statement for Jdbi to prepare,
     * where a batch insert and a {@code pg_notify} per notice took two or more). The notices are delivered to
     * every LISTENing server when (and only if) this transaction commits.
     */
    @SqlQuery("WITH appended AS (INSERT INTO task_events (task_id, seq, event, payload, created_at) "
            + "SELECT * FROM unnest(:taskIds, :seqs, :names, :payloads, CAST(:createdAt AS timestamptz[])) "
            + "RETURNING 1) SELECT pg_notify(:channel, notice) FROM unnest(:notices) AS notice")
    List<String> insertAndNotify(UUID[] taskIds, Long[] seqs, String[] names, String[] payloads, String[] createdAt,
            String channel, String[] notices);

    @Override
    default void append(List<TaskEvent> events, String channel, List<String> notices) {
        insertAndNotify(events.stream().map(TaskEvent::taskId).toArray(UUID[]::new),
                events.stream().map(TaskEvent::seq).toArray(Long[]::new),
                events.stream().map(TaskEvent::name).toArray(String[]::new),
                events.stream().map(TaskEvent::payload).toArray(String[]::new),
                events.stream().map(e -> e.createdAt().toString()).toArray(String[]::new),
                channel, notices.toArray(String[]::new));
    }
}
