package dev.taskstream.server.graph;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Postgres: staging rows are encoded in COPY's text format and sent in chunks of about
 * {@value #CHUNK_BYTES} bytes per table, each chunk one {@code COPY ... FROM STDIN}; see {@link GraphStaging}.
 * Chunks, not one COPY per table, because entities and edges arrive interleaved and a connection runs
 * one COPY at a time.
 */
final class PostgresCopyStaging implements GraphStaging {
    static final int CHUNK_BYTES = 4 << 20;

    private final Handle handle;
    private final GraphDao.Postgres dao;
    private final CopyChunk entities = new CopyChunk("COPY import_entities (seq, id, name, type, properties) FROM STDIN");
    private final CopyChunk edges = new CopyChunk("COPY import_edges (seq, source, target, relation, weight) FROM STDIN");
    private long seq;

    PostgresCopyStaging(Handle handle, GraphDao.Postgres dao) {
        this.handle = handle;
        this.dao = dao;
    }

    @Override
    public void entity(String id, String name, String type, String properties) {
        entities.number(++seq).text(id).text(name).text(type).text(properties).endRow();
        sendIfFull(entities);
    }

    @Override
    public void edge(String source, String target, String relation, double weight) {
        edges.number(++seq).text(source).text(target).text(relation).number(weight).endRow();
        sendIfFull(edges);
    }

    @Override
    public long merge(String projectId) {
        send(entities);
        send(edges);
        dao.mergeEntities(projectId);
        return dao.mergeEdges(projectId);
    }

    private void sendIfFull(CopyChunk chunk) {
        if (chunk.size >= CHUNK_BYTES) {
            send(chunk);
        }
    }

    private void send(CopyChunk chunk) {
        if (chunk.size == 0) {
            return;
        }
        try {
            // COPY is not a statement Jdbi can run: pgjdbc's CopyManager on the handle's own connection
            // (the one holding the import's transaction), the issue 11 exception for bulk paths.
            CopyManager copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn(chunk.sql, new ByteArrayInputStream(chunk.bytes, 0, chunk.size));
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chunk.size = 0;
    }

    /** One table's rows in COPY text format (tab-separated, {@code \N} for NULL, backslash escapes). */
    private static final class CopyChunk {
        final String sql;
        byte[] bytes = new byte[CHUNK_BYTES + (CHUNK_BYTES >> 2)];
        int size;
        private boolean firstField = true;

        CopyChunk(String sql) {
            this.sql = sql;
        }

        CopyChunk number(long value) {
            return raw(Long.toString(value));
        }

        CopyChunk number(double value) {
            return raw(Double.toString(value));
        }

        CopyChunk text(String value) {
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

        void endRow() {
            put((byte) '\n');
            firstField = true;
        }

        private CopyChunk raw(String value) {
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
    }
}
