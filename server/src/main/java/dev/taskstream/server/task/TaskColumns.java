package dev.taskstream.server.task;

import dev.taskstream.shared.api.TaskStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Where the task columns differ from Jdbi's defaults: {@code status} holds the wire name
 * ({@code "pending"}), not the enum name; a null {@code retry_of} must reach Postgres as a null UUID.
 */
final class TaskColumns {
    private TaskColumns() {
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
