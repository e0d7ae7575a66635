package dev.taskstream.server.task;

import dev.taskstream.shared.api.TaskStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** {@link TaskDao} on Postgres: claimers skip rows that other claimers hold, so two never wait on one task. */
interface PostgresTaskDao extends TaskDao, PostgresEventWrites {
    /** The claim's order; ids compare as their text, which is Postgres' order of uuid values. */
    Comparator<TaskRow> OLDEST_FIRST = Comparator.comparing(TaskRow::createdAt).thenComparing(r -> r.id().toString());

    /**
     * The claim in one statement (one round trip): picks the oldest pending rows that no other claimer holds and
     * sets what {@link TaskRow#startedBy} sets. Its rows come back in no particular order.
     */
    @SqlQuery("UPDATE tasks t SET status = :status, worker_id = :workerId, lease_until = :leaseUntil, "
            + "started_at = :now, progress = 0, message = :message, last_seq = t.last_seq + 1, updated_at = :now "
            + "FROM (SELECT id FROM tasks WHERE status = 'pending' AND name IN (<names>) ORDER BY created_at, id "
            + "LIMIT :max FOR UPDATE SKIP LOCKED) picked WHERE t.id = picked.id RETURNING t.*")
    List<TaskRow> claimSkippingLocked(@BindList("names") Collection<String> names, int max, TaskStatus status,
            String message, String workerId, Instant leaseUntil, Instant now);

    @Override
    default List<TaskRow> claimOldestPending(Collection<String> names, int max, String workerId, Instant leaseUntil,
            Instant now) {
        return claimSkippingLocked(names, max, TaskStatus.PROCESSING, TaskRow.STARTED, workerId, leaseUntil, now)
                .stream().sorted(OLDEST_FIRST).toList();
    }
}
