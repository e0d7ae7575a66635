package dev.taskstream.server.community;

import dev.taskstream.server.db.Dialect;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes the memberships of a community swap in bulk, inside the swap's transaction: {@code COPY ...
 * FROM STDIN} on Postgres, batched inserts on H2. Closing a writer that was not finished abandons
 * what it wrote (the caller rolls the transaction back).
 */
abstract sealed class MembershipWriter implements AutoCloseable {

    static MembershipWriter open(Handle h, Dialect dialect) {
        return dialect == Dialect.POSTGRES ? new Copy(h) : new Batched(h.attach(CommunityDao.class));
    }

    abstract void add(UUID communityId, int ordinal, String projectId, String entityId, int degree);

    /** Writes what is still buffered; the rows are then part of the transaction. */
    abstract void finish();

    @Override
    public abstract void close();

    /** H2: {@link CommunityDao#insertMembers} in batches of {@link CommunityStore#BATCH_SIZE}. */
    static final class Batched extends MembershipWriter {
        private final CommunityDao dao;
        private final List<CommunityDao.MemberRow> batch = new ArrayList<>(CommunityStore.BATCH_SIZE);

        Batched(CommunityDao dao) {
            this.dao = dao;
        }

        @Override
        void add(UUID communityId, int ordinal, String projectId, String entityId, int degree) {
            batch.add(new CommunityDao.MemberRow(communityId, ordinal, projectId, entityId, degree));
            if (batch.size() == CommunityStore.BATCH_SIZE) {
                finish();
            }
        }

        @Override
        void finish() {
            if (!batch.isEmpty()) {
                dao.insertMembers(batch);
                batch.clear();
            }
        }

        @Override
        public void close() {
            batch.clear();
        }
    }

    /** Postgres: one {@code COPY community_members FROM STDIN} (text format), sent in 64 KiB chunks. */
    static final class Copy extends MembershipWriter {
        private static final int CHUNK = 1 << 16;
        private final CopyIn copy;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK + 1024);
        private final StringBuilder line = new StringBuilder(128);

        Copy(Handle h) {
            try {
                // pgjdbc's CopyManager needs the raw PGConnection: Jdbi has no COPY statement.
                copy = h.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY community_members (community_id, ordinal, project_id, entity_id, degree) FROM STDIN");
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        @Override
        void add(UUID communityId, int ordinal, String projectId, String entityId, int degree) {
            line.setLength(0);
            line.append(communityId).append('\t').append(ordinal).append('\t');
            escape(projectId);
            line.append('\t');
            escape(entityId);
            line.append('\t').append(degree).append('\n');
            buffer.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
            if (buffer.size() >= CHUNK) {
                send();
            }
        }

        /** COPY's text format: backslash, tab, newline and carriage return are escaped with a backslash. */
        private void escape(String value) {
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                switch (ch) {
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(ch);
                }
            }
        }

        private void send() {
            try {
                copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                buffer.reset();
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        @Override
        void finish() {
            send();
            try {
                copy.endCopy();
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        @Override
        public void close() {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException e) {
                    // the connection is rolled back or discarded by the caller anyway
                }
            }
        }

        private static UnableToExecuteStatementException failed(SQLException e) {
            return new UnableToExecuteStatementException("COPY of community memberships failed: " + e.getMessage(),
                    e, null);
        }
    }
}
