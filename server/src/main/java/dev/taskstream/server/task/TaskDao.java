package dev.taskstream.server.task;

import dev.taskstream.server.db.Dialect;
import dev.taskstream.shared.api.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterArgumentFactory;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The statements that create and change tasks (and the reads the engine needs for that). Portable SQL;
 * what differs on Postgres is in {@link PostgresTaskDao}, chosen once by {@link #forDialect}. The reads
 * for the API and the streams are in {@link TaskQueryDao}.
 */
@RegisterRowMapper(TaskColumns.TaskRowMapper.class)
@RegisterArgumentFactory(TaskColumns.StatusBinder.class)
@RegisterArgumentFactory(TaskColumns.UuidBinder.class)
interface TaskDao extends TaskEventWrites {
    String COLUMNS = "id, name, project_id, status, progress, message, params, result, error, created_at, "
            + "started_at, completed_at, updated_at, worker_id, attempt, retry_of, lease_until, cancel_requested, "
            + "last_seq, exclusive_key, retried_by";
    /**
     * {@link #COLUMNS} without reading {@code params} (up to the params limit per row): what views, lists,
     * stream snapshots and state changes read. Only a claim needs the params.
     */
    String WITHOUT_PARAMS = "id, name, project_id, status, progress, message, NULL AS params, result, error, "
            + "created_at, started_at, completed_at, updated_at, worker_id, attempt, retry_of, lease_until, "
            + "cancel_requested, last_seq, exclusive_key, retried_by";
    String PENDING_OLDEST_FIRST = "SELECT " + COLUMNS + " FROM tasks WHERE status = 'pending' AND name IN (<names>) "
            + "ORDER BY created_at, id LIMIT :max";

    String INSERT = "INSERT INTO tasks (" + COLUMNS + ") VALUES (:id, :name, :projectId, :status, :progress, "
            + ":message, :params, :result, :error, :createdAt, :startedAt, :completedAt, :updatedAt, :workerId, "
            + ":attempt, :retryOf, :leaseUntil, :cancelRequested, :lastSeq, :exclusiveKey, :retriedBy)";

    static Class<? extends TaskDao> forDialect(Dialect dialect) {
        return dialect == Dialect.POSTGRES ? PostgresTaskDao.class : TaskDao.class;
    }

    @SqlUpdate(INSERT)
    void insert(@BindMethods TaskRow row);

    /** Inserts several new tasks in one JDBC batch (bulk enqueue). */
    @SqlBatch(INSERT)
    void insertAll(@BindMethods List<TaskRow> rows);

    /**
     * Inserts task {@code id}, pending, as the next attempt of {@code retryOf}: the params are copied inside
     * the database, never read by the server. A second retry of one task breaks {@code tasks_retry_of}.
     */
    @SqlUpdate("INSERT INTO tasks (" + COLUMNS + ") SELECT :id, name, project_id, 'pending', 0, 'Queued', params, "
            + "NULL, NULL, :now, NULL, NULL, :now, NULL, attempt + 1, id, NULL, FALSE, 1, :exclusiveKey, NULL "
            + "FROM tasks WHERE id = :retryOf")
    int insertRetry(UUID id, UUID retryOf, Instant now, String exclusiveKey);

    @SqlUpdate("UPDATE tasks SET retried_by = :retriedBy WHERE id = :id AND retried_by IS NULL")
    int markRetried(UUID id, UUID retriedBy);

    @SqlQuery("SELECT " + WITHOUT_PARAMS + " FROM tasks WHERE id = :id")
    Optional<TaskRow> find(UUID id);

    @SqlQuery("SELECT " + WITHOUT_PARAMS + " FROM tasks WHERE id = :id FOR UPDATE")
    Optional<TaskRow> lock(UUID id);

    /** Locks the rows of a group commit, in id order: two groups locking overlapping rows never deadlock. */
    @SqlQuery("SELECT " + WITHOUT_PARAMS + " FROM tasks WHERE id IN (<ids>) ORDER BY id FOR UPDATE")
    List<TaskRow> lockAll(@BindList("ids") List<UUID> ids);

    String UPDATE = "UPDATE tasks SET status = :status, progress = :progress, message = :message, result = :result, "
            + "error = :error, started_at = :startedAt, completed_at = :completedAt, updated_at = :updatedAt, "
            + "worker_id = :workerId, lease_until = :leaseUntil, cancel_requested = :cancelRequested, "
            + "last_seq = :lastSeq, exclusive_key = :exclusiveKey WHERE id = :id";

    @SqlUpdate(UPDATE)
    void update(@BindMethods TaskRow row);

    /** Saves the rows of a group commit (locked by {@link #lockAll}) in one JDBC batch. */
    @SqlBatch(UPDATE)
    void updateAll(@BindMethods List<TaskRow> rows);

    /**
     * Claims up to {@code max} oldest pending tasks of {@code names} for {@code workerId}: the rows it won, oldest
     * first, as {@link TaskRow#startedBy} leaves them. Here: lock, then save each row that is still pending (H2
     * waits for rows another claimer holds, and a row claimed meanwhile is no longer pending).
     */
    default List<TaskRow> claimOldestPending(Collection<String> names, int max, String workerId, Instant leaseUntil,
            Instant now) {
        List<TaskRow> rows = lockOldestPending(names, max).stream().filter(r -> r.status() == TaskStatus.PENDING)
                .map(r -> r.startedBy(workerId, leaseUntil, now)).toList();
        if (rows.isEmpty()) {
            return rows;
        }
        int[] saved = saveClaims(rows);
        List<TaskRow> won = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (saved[i] == 1) {
                won.add(rows.get(i));
            }
        }
        return won;
    }

    @SqlQuery(PENDING_OLDEST_FIRST + " FOR UPDATE")
    List<TaskRow> lockOldestPending(@BindList("names") Collection<String> names, int max);

    /** Saves claims (one JDBC batch), each only if its row is still pending; per row the rows changed (0 or 1). */
    @SqlBatch("UPDATE tasks SET status = :status, worker_id = :workerId, lease_until = :leaseUntil, "
            + "started_at = :startedAt, progress = :progress, message = :message, last_seq = :lastSeq, "
            + "updated_at = :updatedAt WHERE id = :id AND status = 'pending'")
    int[] saveClaims(@BindMethods List<TaskRow> rows);

    @SqlUpdate("UPDATE tasks SET lease_until = :leaseUntil WHERE id = :id AND worker_id = :workerId "
            + "AND status = 'processing'")
    int renewLease(UUID id, String workerId, Instant leaseUntil);

    @SqlQuery("SELECT cancel_requested FROM tasks WHERE id = :id")
    Optional<Boolean> cancelRequested(UUID id);

    @SqlQuery("SELECT id FROM tasks WHERE status = 'processing' AND lease_until < :now ORDER BY lease_until")
    List<UUID> expiredLeases(Instant now);

    @SqlQuery("SELECT id FROM tasks WHERE exclusive_key = :key")
    Optional<UUID> findByExclusiveKey(String key);
}
