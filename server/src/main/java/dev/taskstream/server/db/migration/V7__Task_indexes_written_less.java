package dev.taskstream.server.db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fewer index entries written per task on Postgres (issue 25). A status change moves an indexed column, so
 * Postgres cannot update the row in place (HOT) and writes a new entry into every index of {@code tasks}, each
 * time: with six indexes, 18 index entries per task from enqueue to completion. Partial indexes take an entry
 * only for the rows they cover:
 * <ul>
 * <li>{@code exclusive_key} and {@code retry_of} are NULL for nearly every task: their unique indexes now cover
 * only the rows that have one (the rule is the same: NULLs never collided). Same names as the constraints they
 * replace, so a violation names the same thing.</li>
 * <li>The claim's index {@code (status, created_at, id)} now covers only the active tasks (pending, processing),
 * which is all that the claim and the lease sweep read: a task leaves it when it ends.</li>
 * </ul>
 * H2 has no partial indexes; its schema stays as it was (it is one process's embedded database, whose writes do
 * not limit a cluster). Java, not SQL, for that difference.
 */
public final class V7__Task_indexes_written_less extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        if (!c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE tasks DROP CONSTRAINT tasks_exclusive_key");
            st.execute("CREATE UNIQUE INDEX tasks_exclusive_key ON tasks (exclusive_key) WHERE exclusive_key IS NOT NULL");
            st.execute("ALTER TABLE tasks DROP CONSTRAINT tasks_retry_of");
            st.execute("CREATE UNIQUE INDEX tasks_retry_of ON tasks (retry_of) WHERE retry_of IS NOT NULL");
            st.execute("CREATE INDEX tasks_active_created_id ON tasks (status, created_at, id) "
                    + "WHERE status IN ('pending', 'processing')");
            st.execute("DROP INDEX tasks_status_created_id");
        }
    }
}
