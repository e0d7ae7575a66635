package dev.taskstream.server.task;

import dev.taskstream.shared.api.TaskStatus;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The statements of the engine's hot path, in plain JDBC on the connection of the caller's Jdbi transaction:
 * claims, the locks and saves of a group of state changes, and event appends. Everything else about tasks
 * goes through Jdbi SqlObjects ({@link TaskDao}). Written by hand because a benchmark showed Jdbi too slow
 * for this path: in {@code bench throughput} its own work per call (attaching the SqlObject per transaction,
 * a statement context per statement, binding by reflection) was about 60 % of the workers' CPU, and the
 * engine ran at 0.4x of the same statements by bare JDBC (docs/decisions.md). What differs between the
 * databases is here too: Postgres claims in one statement, skipping rows other claimers hold, and sends the
 * NOTIFY of its events in the statement that inserts them.
 */
abstract sealed class TaskStateSql permits TaskStateSql.H2, TaskStateSql.Postgres {
    /*
     * bench throughput's floor (the bench module's BareSqlQueue) runs copies of these statements by bare JDBC
     * beside the engine; a test there fails when the copies drift from these.
     */

    /** Saves one row of a group commit (a batch of these per group). */
    static final String UPDATE = "UPDATE tasks SET status = ?, progress = ?, message = ?, result = ?, "
            + "error = ?, started_at = ?, completed_at = ?, updated_at = ?, worker_id = ?, lease_until = ?, "
            + "cancel_requested = ?, last_seq = ?, exclusive_key = ? WHERE id = ?";

    /**
     * The Postgres claim: worker, lease end, now, message, now, the task names (an array), the most to claim.
     * Picks the oldest pending rows that no other claimer holds and sets what {@link TaskRow#startedBy} sets.
     */
    static final String POSTGRES_CLAIM = "UPDATE tasks t SET status = 'processing', worker_id = ?, "
            + "lease_until = ?, started_at = ?, progress = 0, message = ?, last_seq = t.last_seq + 1, updated_at = ? "
            + "FROM (SELECT id FROM tasks WHERE status = 'pending' AND name = ANY (?) ORDER BY created_at, id "
            + "LIMIT ? FOR UPDATE SKIP LOCKED) picked WHERE t.id = picked.id RETURNING t.*";

    /**
     * The Postgres event append: task ids, seqs, event names, payloads, creation times (arrays), the channel and
     * the notices (an array); rows and NOTIFYs in one statement.
     */
    static final String POSTGRES_APPEND_EVENTS = "WITH appended AS (INSERT INTO task_events "
            + "(task_id, seq, event, payload, created_at) SELECT * FROM unnest(?, ?, ?, ?, CAST(? AS timestamptz[])) "
            + "RETURNING 1) SELECT pg_notify(?, notice) FROM unnest(?) AS notice";

    /** Locks {@code n} rows of a group commit by id, in id order. */
    static String lockAll(int n) {
        return "SELECT " + TaskDao.WITHOUT_PARAMS + " FROM tasks WHERE id IN (" + placeholders(n)
                + ") ORDER BY id FOR UPDATE";
    }

    /**
     * Claims up to {@code max} oldest pending tasks of {@code names} for {@code workerId}: the rows it won,
     * oldest first, as {@link TaskRow#startedBy} leaves them (with their params).
     */
    abstract List<TaskRow> claimOldestPending(Handle h, Collection<String> names, int max, String workerId,
            Instant leaseUntil, Instant now);

    /**
     * Appends {@code events} and, when this transaction commits, announces them to the other server processes
     * with {@code notices} on {@code channel}.
     */
    abstract void appendEvents(Handle h, List<TaskEvent> events, String channel, List<String> notices);

    /** Locks the rows of a group commit, in id order: two groups locking overlapping rows never deadlock. */
    List<TaskRow> lockAll(Handle h, List<UUID> sortedIds) {
        return run(() -> {
            try (PreparedStatement st = h.getConnection().prepareStatement(lockAll(sortedIds.size()))) {
                for (int i = 0; i < sortedIds.size(); i++) {
                    st.setObject(i + 1, sortedIds.get(i));
                }
                return rows(st);
            }
        });
    }

    /** Saves the rows of a group commit (locked by {@link #lockAll}) in one JDBC batch. */
    void updateAll(Handle h, List<TaskRow> rows) {
        run(() -> {
            try (PreparedStatement st = h.getConnection().prepareStatement(UPDATE)) {
                for (TaskRow r : rows) {
                    st.setString(1, r.status().wire());
                    st.setInt(2, r.progress());
                    st.setString(3, r.message());
                    st.setString(4, r.result());
                    st.setString(5, r.error());
                    setInstant(st, 6, r.startedAt());
                    setInstant(st, 7, r.completedAt());
                    setInstant(st, 8, r.updatedAt());
                    st.setString(9, r.workerId());
                    setInstant(st, 10, r.leaseUntil());
                    st.setBoolean(11, r.cancelRequested());
                    st.setLong(12, r.lastSeq());
                    st.setString(13, r.exclusiveKey());
                    st.setObject(14, r.id());
                    st.addBatch();
                }
                st.executeBatch();
                return null;
            }
        });
    }

    /** H2: lock, then save each claimed row that is still pending; events by a batch of INSERTs. */
    static final class H2 extends TaskStateSql {
        @Override
        List<TaskRow> claimOldestPending(Handle h, Collection<String> names, int max, String workerId,
                Instant leaseUntil, Instant now) {
            return run(() -> {
                List<TaskRow> pending;
                try (PreparedStatement st = h.getConnection().prepareStatement("SELECT " + TaskDao.COLUMNS
                        + " FROM tasks WHERE status = 'pending' AND name IN (" + placeholders(names.size()) + ") "
                        + "ORDER BY created_at, id LIMIT ? FOR UPDATE")) {
                    int i = 1;
                    for (String name : names) {
                        st.setString(i++, name);
                    }
                    st.setInt(i, max);
                    pending = rows(st); // H2 waits for rows another claimer holds: one may no longer be pending
                }
                List<TaskRow> claims = pending.stream().filter(r -> r.status() == TaskStatus.PENDING)
                        .map(r -> r.startedBy(workerId, leaseUntil, now)).toList();
                if (claims.isEmpty()) {
                    return claims;
                }
                int[] saved;
                try (PreparedStatement st = h.getConnection().prepareStatement("UPDATE tasks SET status = ?, "
                        + "worker_id = ?, lease_until = ?, started_at = ?, progress = ?, message = ?, last_seq = ?, "
                        + "updated_at = ? WHERE id = ? AND status = 'pending'")) {
                    for (TaskRow r : claims) {
                        st.setString(1, r.status().wire());
                        st.setString(2, r.workerId());
                        setInstant(st, 3, r.leaseUntil());
                        setInstant(st, 4, r.startedAt());
                        st.setInt(5, r.progress());
                        st.setString(6, r.message());
                        st.setLong(7, r.lastSeq());
                        setInstant(st, 8, r.updatedAt());
                        st.setObject(9, r.id());
                        st.addBatch();
                    }
                    saved = st.executeBatch();
                }
                List<TaskRow> won = new ArrayList<>();
                for (int i = 0; i < claims.size(); i++) {
                    if (saved[i] == 1) {
                        won.add(claims.get(i));
                    }
                }
                return won;
            });
        }

        /** H2 runs in one process: the in-process sink is the only one to tell, so there is no NOTIFY. */
        @Override
        void appendEvents(Handle h, List<TaskEvent> events, String channel, List<String> notices) {
            run(() -> {
                try (PreparedStatement st = h.getConnection().prepareStatement("INSERT INTO task_events "
                        + "(task_id, seq, event, payload, created_at) VALUES (?, ?, ?, ?, ?)")) {
                    for (TaskEvent e : events) {
                        st.setObject(1, e.taskId());
                        st.setLong(2, e.seq());
                        st.setString(3, e.name());
                        st.setString(4, e.payload());
                        setInstant(st, 5, e.createdAt());
                        st.addBatch();
                    }
                    st.executeBatch();
                    return null;
                }
            });
        }
    }

    /** Postgres: one statement per claim and one per append (with its NOTIFYs). */
    static final class Postgres extends TaskStateSql {
        /** The claim's order; ids compare as their text, which is Postgres' order of uuid values. */
        static final Comparator<TaskRow> OLDEST_FIRST = Comparator.comparing(TaskRow::createdAt)
                .thenComparing(r -> r.id().toString());

        @Override
        List<TaskRow> claimOldestPending(Handle h, Collection<String> names, int max, String workerId,
                Instant leaseUntil, Instant now) {
            return run(() -> {
                try (PreparedStatement st = h.getConnection().prepareStatement(POSTGRES_CLAIM)) {
                    st.setString(1, workerId);
                    setInstant(st, 2, leaseUntil);
                    setInstant(st, 3, now);
                    st.setString(4, TaskRow.STARTED);
                    setInstant(st, 5, now);
                    st.setArray(6, h.getConnection().createArrayOf("varchar", names.toArray()));
                    st.setInt(7, max);
                    List<TaskRow> won = rows(st); // in no particular order
                    won.sort(OLDEST_FIRST);
                    return won;
                }
            });
        }

        /**
         * The events' rows and their NOTIFYs in one statement (one round trip), delivered to every LISTENing
         * server when (and only if) this transaction commits.
         */
        @Override
        void appendEvents(Handle h, List<TaskEvent> events, String channel, List<String> notices) {
            run(() -> {
                Connection c = h.getConnection();
                int n = events.size();
                UUID[] ids = new UUID[n];
                Long[] seqs = new Long[n];
                String[] names = new String[n];
                String[] payloads = new String[n];
                String[] createdAt = new String[n];
                for (int i = 0; i < n; i++) {
                    TaskEvent e = events.get(i);
                    ids[i] = e.taskId();
                    seqs[i] = e.seq();
                    names[i] = e.name();
                    payloads[i] = e.payload();
                    createdAt[i] = e.createdAt().toString();
                }
                try (PreparedStatement st = c.prepareStatement(POSTGRES_APPEND_EVENTS)) {
                    Array[] arrays = {c.createArrayOf("uuid", ids), c.createArrayOf("bigint", seqs),
                        c.createArrayOf("varchar", names), c.createArrayOf("varchar", payloads),
                        c.createArrayOf("varchar", createdAt)};
                    for (int i = 0; i < arrays.length; i++) {
                        st.setArray(i + 1, arrays[i]);
                    }
                    st.setString(6, channel);
                    st.setArray(7, c.createArrayOf("varchar", notices.toArray()));
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            rs.getString(1); // the statement runs as its rows are read
                        }
                    }
                    return null;
                }
            });
        }
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** As Jdbi reports a failed statement, so that callers tell connection failures and conflicts apart alike. */
    private static <T> T run(SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e.getMessage(), e, null);
        }
    }

    private static List<TaskRow> rows(PreparedStatement st) throws SQLException {
        List<TaskRow> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                rows.add(TaskColumns.readRow(rs));
            }
        }
        return rows;
    }

    private static void setInstant(PreparedStatement st, int index, Instant value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            st.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
