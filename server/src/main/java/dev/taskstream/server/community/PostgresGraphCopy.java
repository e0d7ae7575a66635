package dev.taskstream.server.community;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/**
 * The graph load on Postgres: {@code COPY (SELECT ...) TO STDOUT} in text format, parsed as the bytes
 * arrive straight into a {@link ProjectGraph.RowSink}. Measured faster than the same rows through a
 * JDBC result set (BENCHMARKS.md, {@code bench rebuild}): no per-row result-set and mapper work.
 */
final class PostgresGraphCopy {
    private static final int COLUMNS = 5;

    private PostgresGraphCopy() {
    }

    /** Streams the project's entities and edges (in the handle's open transaction) into {@code sink}. */
    static void stream(Handle h, String projectId, ProjectGraph.RowSink sink) {
        // pgjdbc's CopyManager needs the raw PGConnection: Jdbi has no COPY statement.
        Connection c = h.getConnection();
        try {
            String project = quoteLiteral(c, projectId);
            String sql = "COPY (SELECT 0, id, name, type, NULL FROM graph_entities WHERE project_id = " + project
                    + " UNION ALL SELECT 1, source, target, relation, weight FROM graph_edges WHERE project_id = "
                    + project + ") TO STDOUT";
            // Closing before the end (a cancelled rebuild) cancels the COPY on the server.
            try (InputStream in = new PGCopyInputStream(c.unwrap(PGConnection.class), sql)) {
                new TextRows(sink).parse(in);
            }
        } catch (SQLException | IOException e) {
            throw new UnableToExecuteStatementException("graph load by COPY failed: " + e.getMessage(), e, null);
        }
    }

    /** COPY takes no bind parameters: the server quotes the id as a literal itself. */
    private static String quoteLiteral(Connection c, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT quote_literal(?)")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * Parser of COPY's text format: rows end with a newline, columns are separated by tabs, {@code \N}
     * is NULL, and a backslash escapes the special bytes (the server writes only the one-letter escapes).
     */
    static final class TextRows {
        private final ProjectGraph.RowSink sink;
        private final String[] columns = new String[COLUMNS];
        private byte[] field = new byte[256];
        private int length;
        private int column;
        private boolean escaped;
        private boolean isNull;

        TextRows(ProjectGraph.RowSink sink) {
            this.sink = sink;
        }

        void parse(InputStream in) throws IOException {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    accept(buffer[i]);
                }
            }
            if (column != 0 || length != 0 || escaped) {
                throw new IOException("COPY output ended in the middle of a row");
            }
        }

        private void accept(byte b) throws IOException {
            if (escaped) {
                escaped = false;
                switch (b) {
                    case 'N' -> isNull = true;
                    case 't' -> put((byte) '\t');
                    case 'n' -> put((byte) '\n');
                    case 'r' -> put((byte) '\r');
                    case 'b' -> put((byte) '\b');
                    case 'f' -> put((byte) '\f');
                    case 'v' -> put((byte) 11);
                    default -> put(b); // \\ and any other escaped byte stand for themselves
                }
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '\t') {
                endColumn();
            } else if (b == '\n') {
                endColumn();
                endRow();
            } else {
                put(b);
            }
        }

        private void put(byte b) {
            if (length == field.length) {
                field = Arrays.copyOf(field, length * 2);
            }
            field[length++] = b;
        }

        private void endColumn() throws IOException {
            if (column == COLUMNS) {
                throw new IOException("COPY row with more than " + COLUMNS + " columns");
            }
            columns[column++] = isNull ? null : new String(field, 0, length, StandardCharsets.UTF_8);
            length = 0;
            isNull = false;
        }

        private void endRow() throws IOException {
            if (column != COLUMNS) {
                throw new IOException("COPY row with " + column + " columns, expected " + COLUMNS);
            }
            column = 0;
            if (columns[0].equals("0")) {
                sink.entity(columns[1], columns[2], columns[3]);
            } else {
                sink.edge(columns[1], columns[2], columns[3], Double.parseDouble(columns[4]));
            }
        }
    }
}
