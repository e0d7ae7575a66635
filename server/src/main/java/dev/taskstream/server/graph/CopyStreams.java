package dev.taskstream.server.graph;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Streams rows of two tables into Postgres with {@code COPY ... FROM STDIN} on one connection, while they are
 * parsed: rows of the table whose COPY is open go out at once (Postgres writes them while the next ones are
 * parsed), rows of the other wait in a buffer of at most {@value #SWITCH_BYTES} bytes, which then takes over the
 * connection (a connection runs one COPY at a time, and entities and edges may come interleaved). Typical
 * input, entities then edges, is one COPY per table. Rows are encoded in COPY's text format.
 *
 * <p>pgjdbc's {@link CopyManager} is the only bulk path Postgres offers to Java: no statement API can run COPY.
 */
final class CopyStreams {
    private static final int SEND_BYTES = 64 * 1024;
    static final int SWITCH_BYTES = 4 << 20;

    /** One table's COPY statement and its rows not yet sent. */
    static final class Table {
        final String sql;
        byte[] bytes = new byte[SEND_BYTES * 2];
        int size;
        private boolean firstField = true;

        Table(String sql) {
            this.sql = sql;
        }

        Table number(long value) {
            return raw(Long.toString(value));
        }

        Table number(double value) {
            return raw(Double.toString(value));
        }

        /** A text field, escaped for COPY's text format ({@code \N} for NULL). */
        Table text(String value) {
            if (value == null) {
                return raw("\\N");
            }
            StringBuilder escaped = null;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                String replacement = switch (c) {
                    case '\\' -> "\\\\";
                    case '\t' -> "\\t";
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    default -> null;
                };
                if (replacement != null && escaped == null) {
                    escaped = new StringBuilder(value.length() + 8).append(value, 0, i);
                }
                if (replacement != null) {
                    escaped.append(replacement);
                } else if (escaped != null) {
                    escaped.append(c);
                }
            }
            return raw(escaped == null ? value : escaped.toString());
        }

        private Table raw(String value) {
            if (!firstField) {
                put((byte) '\t');
            }
            firstField = false;
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
            return this;
        }

        private void put(byte b) {
            ensure(1);
            bytes[size++] = b;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        private void endRow() {
            put((byte) '\n');
            firstField = true;
        }
    }

    private final CopyManager copy;
    private CopyIn open;
    private Table openFor;

    CopyStreams(Connection connection) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    /** Ends the row just encoded into {@code table}; sends what is due. */
    void endRow(Table table) throws SQLException {
        table.endRow();
        if (table == openFor) {
            if (table.size >= SEND_BYTES) {
                send(table);
            }
        } else if (table.size >= SWITCH_BYTES || openFor == null) {
            switchTo(table);
        }
    }

    /** Sends everything and ends every COPY; Postgres reports a refused row (e.g. a repeated key) here at the latest. */
    void finish(Table... tables) throws SQLException {
        for (Table t : tables) {
            if (t != openFor && t.size > 0) {
                switchTo(t);
            }
        }
        endOpen();
    }

    /** After a failure: leaves the connection out of COPY mode so that its transaction can roll back. */
    void abort() {
        if (open != null && open.isActive()) {
            try {
                open.cancelCopy();
            } catch (SQLException ignored) {
                // the transaction rolls back anyway; the connection is closed if it cannot
            }
        }
        open = null;
        openFor = null;
    }

    private void switchTo(Table table) throws SQLException {
        endOpen();
        open = copy.copyIn(table.sql);
        openFor = table;
        send(table);
    }

    /** Sends what the open COPY's table still holds and ends that COPY (Postgres then reports a refused row). */
    private void endOpen() throws SQLException {
        if (openFor != null) {
            send(openFor);
            CopyIn done = open;
            open = null;
            openFor = null;
            done.endCopy();
        }
    }

    private void send(Table table) throws SQLException {
        if (table.size > 0) {
            open.writeToCopy(table.bytes, 0, table.size);
            table.size = 0;
        }
    }
}
