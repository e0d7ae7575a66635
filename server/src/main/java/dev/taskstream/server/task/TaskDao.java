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
 * The statements that create tasks, retry them and keep their leases (portable SQL). The engine's hot path,
 * claims and state changes with their events, is plain JDBC in {@link TaskStateSql}; the reads for the API
 * and the streams are in {@link TaskQueryDao}.
 */
@RegisterRowMapper(TaskColumns.TaskRowMapper.class)
@RegisterArgumentFactory(TaskColumns.StatusBinder.class)
@RegisterArgumentFactory(TaskColumns.UuidBinder.class)
interface TaskDao {
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
    String INSERT = "INSERT INTO tasks (" + COLUMNS + ") VALUES (:id, :name, :projectId, :status, :progress, "
            + ":message, :params, :result, :error, :createdAt, :startedAt, :completedAt, :updatedAt, :workerId, "
            + ":attempt, :retryOf, :leaseUntil, :cancelRequested, :lastSeq, :exclusiveKey, :retriedBy)";

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
