package dev.taskstream.server.task;

import dev.taskstream.server.db.Dialect;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The statements on the {@code task_events} log. On H2 (one process) nobody else needs telling
 * about a commit; {@link PostgresTaskEventDao} sends NOTIFY. Chosen once by {@link #forDialect}.
 */
@RegisterRowMapper(TaskColumns.TaskEventMapper.class)
interface TaskEventDao {
    String SELECT = "SELECT e.task_id, t.project_id, e.seq, e.event AS name, e.payload, e.created_at "
            + "FROM task_events e JOIN tasks t ON t.id = e.task_id ";

    static Class<? extends TaskEventDao> forDialect(Dialect dialect) {
        return dialect == Dialect.POSTGRES ? PostgresTaskEventDao.class : TaskEventDao.class;
    }

    /** Appends several events (one JDBC batch): a batch claim or a bulk enqueue. */
    @SqlBatch("INSERT INTO task_events (task_id, seq, event, payload, created_at) "
            + "VALUES (:taskId, :seq, :name, :payload, :createdAt)")
    void insertAll(@BindMethods List<TaskEvent> events);

    @SqlQuery(SELECT + "WHERE e.task_id = :taskId AND e.seq > :afterSeq ORDER BY e.seq")
    List<TaskEvent> after(UUID taskId, long afterSeq);

    @SqlQuery(SELECT + "WHERE e.task_id = :taskId AND e.seq = t.last_seq")
    Optional<TaskEvent> latest(UUID taskId);

    /** The NOTIFY channel of this database; one per Postgres schema keeps test schemas apart. */
    default String notifyChannel() {
        return "taskstream_events";
    }

    /** Tells the other server processes, when this transaction commits, that {@code payload} happened. */
    default void notifyOnCommit(String channel, String payload) {
        // H2 runs in one process: the in-process sink is the only one to tell.
    }
}
