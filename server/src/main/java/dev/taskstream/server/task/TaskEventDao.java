package dev.taskstream.server.task;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The reads of the {@code task_events} log, and the name of the channel its commits are announced on
 * ({@link PostgresTaskEventDao}). The writes are in {@link TaskStateSql}.
 */
@RegisterRowMapper(TaskColumns.TaskEventMapper.class)
interface TaskEventDao {
    String SELECT = "SELECT e.task_id, t.project_id, e.seq, e.event AS name, e.payload, e.created_at "
            + "FROM task_events e JOIN tasks t ON t.id = e.task_id ";

    @SqlQuery(SELECT + "WHERE e.task_id = :taskId AND e.seq > :afterSeq ORDER BY e.seq")
    List<TaskEvent> after(UUID taskId, long afterSeq);

    @SqlQuery(SELECT + "WHERE e.task_id = :taskId AND e.seq = t.last_seq")
    Optional<TaskEvent> latest(UUID taskId);

    /** The NOTIFY channel of this database; one per Postgres schema keeps test schemas apart. */
    default String notifyChannel() {
        return "taskstream_events";
    }
}
