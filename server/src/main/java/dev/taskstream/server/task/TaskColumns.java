package dev.taskstream.server.task;

import dev.taskstream.shared.api.TaskStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Where the task columns differ from Jdbi's defaults: {@code status} holds the wire name
 * ({@code "pending"}), not the enum name; a null {@code retry_of} must reach Postgres as a null UUID.
 * Rows are read by hand-written mappers: Jdbi's ConstructorMapper inspects the record's constructor by
 * reflection for every query, a third of a stream connect's snapshot read (see docs/decisions.md).
 */
final class TaskColumns {
    private TaskColumns() {
    }

    /** Reads a {@link TaskRow} from the columns of {@link TaskDao#COLUMNS}. */
    public static final class TaskRowMapper implements RowMapper<TaskRow> {
        @Override
        public TaskRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return readRow(rs);
        }
    }

    /** The {@link TaskRow} at the result set's current row (Jdbi's mapper and {@link TaskStateSql} both read so). */
    static TaskRow readRow(ResultSet rs) throws SQLException {
        return new TaskRow(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("project_id"),
                TaskStatus.fromWire(rs.getString("status")), rs.getInt("progress"), rs.getString("message"),
                rs.getString("params"), rs.getString("result"), rs.getString("error"), instant(rs, "created_at"),
                instant(rs, "started_at"), instant(rs, "completed_at"), instant(rs, "updated_at"),
                rs.getString("worker_id"), rs.getInt("attempt"), rs.getObject("retry_of", UUID.class),
                instant(rs, "lease_until"), rs.getBoolean("cancel_requested"), rs.getLong("last_seq"),
                rs.getString("exclusive_key"), rs.getObject("retried_by", UUID.class));
    }

    /** Reads a {@link TaskEvent} from the columns of {@link TaskEventDao#SELECT}. */
    public static final class TaskEventMapper implements RowMapper<TaskEvent> {
        @Override
        public TaskEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new TaskEvent(rs.getObject("task_id", UUID.class), rs.getString("project_id"), rs.getLong("seq"),
                    rs.getString("name"), rs.getString("payload"), instant(rs, "created_at"));
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Reads {@code status}. */
    public static final class StatusMapper implements ColumnMapper<TaskStatus> {
        @Override
        public TaskStatus map(ResultSet r, int columnNumber, StatementContext ctx) throws SQLException {
            return TaskStatus.fromWire(r.getString(columnNumber));
        }
    }

    /** Binds a status parameter. */
    public static final class StatusBinder extends AbstractArgumentFactory<TaskStatus> {
        public StatusBinder() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(TaskStatus value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setString(position, value.wire());
        }
    }

    /** Binds a UUID with its own type, also when null (Jdbi would send a null as VARCHAR). */
    public static final class UuidBinder extends AbstractArgumentFactory<UUID> {
        public UuidBinder() {
            super(Types.OTHER);
        }

        @Override
        protected Argument build(UUID value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setObject(position, value);
        }
    }
}
