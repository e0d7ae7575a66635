package dev.taskstream.server.db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Bulk imports write each graph row once, at the speed of a bare {@code COPY}:
 * <ul>
 * <li>The graph tables lose their foreign key to {@code projects}. It fired a trigger per row (measured: a COPY of
 * 10^6 edges took about twice as long with it); the importer creates the project in the import's own
 * transaction, and no code deletes projects, so it guarded nothing. A future project delete deletes the graph
 * rows itself (docs/decisions.md).</li>
 * <li>Postgres stores upload chunks uncompressed ({@code STORAGE EXTERNAL}): compressing 1 MiB per chunk costs CPU
 * on the way in and out and saves nothing worth it for a body that lives for one task.</li>
 * </ul>
 * Java, not SQL, because the foreign keys were created unnamed in V2 and H2 and Postgres named them differently:
 * their names are looked up in the information schema, which both have.
 */
public final class V6__Graph_rows_without_per_row_checks extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        try (Statement st = c.createStatement()) {
            for (String table : List.of("graph_entities", "graph_edges")) {
                String stored = postgres ? table : table.toUpperCase(Locale.ROOT);
                for (String constraint : foreignKeys(c, stored)) {
                    st.execute("ALTER TABLE " + table + " DROP CONSTRAINT \"" + constraint + "\"");
                }
            }
            if (postgres) {
                st.execute("ALTER TABLE import_upload_chunks ALTER COLUMN data SET STORAGE EXTERNAL");
            }
        }
    }

    private static List<String> foreignKeys(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT constraint_name FROM information_schema.table_constraints"
                + " WHERE table_name = ? AND constraint_type = 'FOREIGN KEY' AND table_schema = CURRENT_SCHEMA")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }
}
