package dev.taskstream.server.task;

import dev.taskstream.shared.api.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterArgumentFactory;
import org.jdbi.v3.sqlobject.config.RegisterColumnMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.AllowUnusedBindings;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The reads of {@link TaskStorage} for the API, the streams and the metrics, apart from {@link TaskDao}: Jdbi
 * attaches a SqlObject per call and prepares every method of it, so a small interface keeps a stream connect's
 * snapshot read cheap.
 */
@RegisterRowMapper(TaskColumns.TaskRowMapper.class)
@RegisterColumnMapper(TaskColumns.StatusMapper.class)
@RegisterArgumentFactory(TaskColumns.StatusBinder.class)
interface TaskQueryDao {
    @SqlQuery("SELECT " + TaskDao.WITHOUT_PARAMS + " FROM tasks WHERE id = :id")
    Optional<TaskRow> find(UUID id);

    /** Active tasks and those ended after {@code endedAfter}; {@code projectClause} from {@link #inProject}. */
    @SqlQuery("SELECT " + TaskDao.WITHOUT_PARAMS + " FROM tasks WHERE (status IN ('pending', 'processing') "
            + "OR completed_at >= :endedAfter)<projectClause> ORDER BY created_at DESC, id DESC LIMIT :max")
    @AllowUnusedBindings
    List<TaskRow> activeAndRecent(@Define String projectClause, String projectId, Instant endedAfter, int max);

    static String inProject(String projectId) {
        return projectId == null ? "" : " AND project_id = :projectId";
    }

    /** One page of tasks, newest first; {@code where} from {@link #where} (the filters not set stay unused). */
    @SqlQuery("SELECT " + TaskDao.WITHOUT_PARAMS + " FROM tasks<where> ORDER BY created_at DESC, id DESC "
            + "LIMIT :limit OFFSET :offset")
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
