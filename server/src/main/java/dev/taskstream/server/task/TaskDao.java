package dev.taskstream.server.task;

import dev.taskstream.server.db.Dialect;
import dev.taskstream.shared.api.TaskStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterArgumentFactory;
import org.jdbi.v3.sqlobject.config.RegisterColumnMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.AllowUnusedBindings;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The statements on the {@code tasks} table. Portable SQL; what differs on Postgres is in
 * {@link PostgresTaskDao}, chosen once by {@link #forDialect}.
 */
@RegisterConstructorMapper(TaskRow.class)
@RegisterColumnMapper(TaskColumns.StatusMapper.class)
@RegisterArgumentFactory(TaskColumns.StatusBinder.class)
@RegisterArgumentFactory(TaskColumns.UuidBinder.class)
interface TaskDao {
    String COLUMNS = "id, name, project_id, status, progress, message, params, result, error, created_at, "
            + "started_at, completed_at, updated_at, worker_id, attempt, retry_of, lease_until, cancel_requested, "
            + "last_seq, exclusive_key";
    String PENDING_OLDEST_FIRST = "SELECT " + COLUMNS + " FROM tasks WHERE status = 'pending' AND name IN (<names>) "
            + "ORDER BY created_at, id LIMIT :max";

    String INSERT = "INSERT INTO tasks (" + COLUMNS + ") VALUES (:id, :name, :projectId, :status, :progress, "
            + ":message, :params, :result, :error, :createdAt, :startedAt, :completedAt, :updatedAt, :workerId, "
            + ":attempt, :retryOf, :leaseUntil, :cancelRequested, :lastSeq, :exclusiveKey)";

    static Class<? extends TaskDao> forDialect(Dialect dialect) {
        return dialect == Dialect.POSTGRES ? PostgresTaskDao.class : TaskDao.class;
    }

    @SqlUpdate(INSERT)
    void insert(@BindMethods TaskRow row);

    /** Inserts several new tasks in one JDBC batch (bulk enqueue). */
    @SqlBatch(INSERT)
    void insertAll(@BindMethods List<TaskRow> rows);

    @SqlQuery("SELECT " + COLUMNS + " FROM tasks WHERE id = :id")
    Optional<TaskRow> find(UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM tasks WHERE id = :id FOR UPDATE")
    Optional<TaskRow> lock(UUID id);

    @SqlUpdate("UPDATE tasks SET status = :status, progress = :progress, message = :message, result = :result, "
            + "error = :error, started_at = :startedAt, completed_at = :completedAt, updated_at = :updatedAt, "
            + "worker_id = :workerId, lease_until = :leaseUntil, cancel_requested = :cancelRequested, "
            + "last_seq = :lastSeq, exclusive_key = :exclusiveKey WHERE id = :id")
    void update(@BindMethods TaskRow row);

    /** Up to {@code max} oldest pending tasks of {@code names}, locked; H2 waits for rows another claimer holds. */
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

    /** Active tasks and those ended after {@code endedAfter}; {@code projectClause} from {@link #inProject}. */
    @SqlQuery("SELECT " + COLUMNS + " FROM tasks WHERE (status IN ('pending', 'processing') "
            + "OR completed_at >= :endedAfter)<projectClause> ORDER BY created_at DESC, id DESC LIMIT :max")
    @AllowUnusedBindings
    List<TaskRow> activeAndRecent(@Define String projectClause, String projectId, Instant endedAfter, int max);

    static String inProject(String projectId) {
        return projectId == null ? "" : " AND project_id = :projectId";
    }

    /** One page of tasks, newest first; {@code where} from {@link #where} (the filters not set stay unused). */
    @SqlQuery("SELECT " + COLUMNS + " FROM tasks<where> ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
    @AllowUnusedBindings
    List<TaskRow> list(@Define String where, @BindMethods TaskFilter filter, int limit, int offset);

    @SqlQuery("SELECT COUNT(*) FROM tasks<where>")
    @AllowUnusedBindings
    long count(@Define String where, @BindMethods TaskFilter filter);

    /** The WHERE clause of the filters that are set (fixed SQL text; the values are bound). */
    static String where(TaskFilter filter) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (filter.status() != null) {
            where.append(" AND status = :status");
        }
        if (filter.name() != null) {
            where.append(" AND name = :name");
        }
        if (filter.projectId() != null) {
            where.append(" AND project_id = :projectId");
        }
        return where.toString();
    }

    @SqlQuery("SELECT status, COUNT(*) AS n FROM tasks GROUP BY status")
    @KeyColumn("status")
    @ValueColumn("n")
    Map<TaskStatus, Long> countByStatus();
}
