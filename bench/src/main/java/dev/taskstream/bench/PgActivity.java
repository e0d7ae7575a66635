package dev.taskstream.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What Postgres did for a run, read before and after it: commits of the bench database
 * ({@code pg_stat_database.xact_commit}), rows inserted, updated (of which HOT) and deleted in the bench's
 * schema ({@code pg_stat_user_tables}), and WAL. WAL is told two ways: the whole cluster's
 * ({@code pg_current_wal_flush_lsn()} delta; flushed, as pg_walinspect reads only that), and, where
 * {@code pg_walinspect} can be loaded (superuser), only the records of the bench database and the commits of its
 * transactions, so that other databases' writes on a shared server do not count; a temporary replication slot,
 * held from {@link #reserveWal} to {@link #close}, keeps the span's WAL from being recycled before it is read (it
 * goes with its session, also if the bench dies). Postgres flushes a backend's counters when it goes idle, at most
 * every second and at the latest after 10 s, so a reading first waits for the pools' connections to have flushed.
 */
final class PgActivity implements AutoCloseable {
    private static final long FLUSH_WAIT_MILLIS = 11_000;

    /** Rows written in a schema's tables; {@code hotUpdated} are of {@code updated}. */
    record Rows(long inserted, long updated, long hotUpdated, long deleted) {
        Rows minus(Rows o) {
            return new Rows(inserted - o.inserted, updated - o.updated, hotUpdated - o.hotUpdated, deleted - o.deleted);
        }

        long written() {
            return inserted + updated + deleted;
        }
    }

    /** One reading: commits so far, rows so far and the WAL position. */
    record Reading(long commits, Rows rows, String walLsn) {
    }

    /**
     * What happened between two readings; {@code databaseWal} holds -1 and {@code walByRelation} is empty without
     * pg_walinspect.
     */
    record Delta(long commits, Rows rows, long walBytes, DatabaseWal databaseWal, java.util.Map<String, Long> walByRelation) {
    }

    /**
     * The bench database's WAL, and of it the full-page images: those depend on how often the cluster checkpoints
     * (more often when others write much), the rest on the run's own work. Both -1 when not measured.
     */
    record DatabaseWal(long bytes, long fullPageImageBytes) {
        long withoutImages() {
            return bytes < 0 ? -1 : bytes - fullPageImageBytes;
        }
    }

    private final BenchDatabase db;
    private Connection slotSession; // holds the temporary slot, or null

    PgActivity(BenchDatabase db) {
        this.db = db;
    }

    /** Keeps the WAL written from now on until {@link #close}; without the right to, warns and goes on. */
    PgActivity reserveWal() {
        try {
            slotSession = DriverManager.getConnection(db.url(), db.user(), db.password());
            try (Statement st = slotSession.createStatement()) {
                st.execute("SELECT pg_create_physical_replication_slot('taskstream_bench_' || pg_backend_pid(), true, "
                        + "true)");
            }
        } catch (SQLException e) {
            System.err.println("warning: no replication slot (" + e.getMessage() + "); the WAL of a long span may "
                    + "be recycled before it is read");
        }
        return this;
    }

    @Override
    public void close() throws SQLException {
        if (slotSession != null) {
            slotSession.close();
        }
    }

    Reading read() throws SQLException, InterruptedException {
        Thread.sleep(FLUSH_WAIT_MILLIS); // counters of idle pooled connections reach pg_stat_database
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_clear_snapshot()");
            Rows rows = rows(st, "current_schema()");
            try (ResultSet rs = st.executeQuery("SELECT xact_commit, pg_current_wal_flush_lsn()::text FROM pg_stat_database "
                    + "WHERE datname = current_database()")) {
                rs.next();
                return new Reading(rs.getLong(1), rows, rs.getString(2));
            }
        }
    }

    Delta since(Reading before) throws SQLException, InterruptedException {
        Reading after = read();
        // the readings' own two commits are not the run's
        return new Delta(after.commits() - before.commits() - 2, after.rows().minus(before.rows()),
                walBytes(before.walLsn(), after.walLsn()), databaseWal(before.walLsn(), after.walLsn()),
                walByRelation(before.walLsn(), after.walLsn()));
    }

    /** Rows written in the tables of {@code schemaExpression} (an SQL expression) since the server started. */
    static Rows rows(Statement st, String schemaExpression) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT coalesce(sum(n_tup_ins), 0), coalesce(sum(n_tup_upd), 0), "
                + "coalesce(sum(n_tup_hot_upd), 0), coalesce(sum(n_tup_del), 0) FROM pg_stat_user_tables "
                + "WHERE schemaname = " + schemaExpression + " AND relname <> 'flyway_schema_history'")) {
            rs.next();
            return new Rows(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        }
    }

    /** The cluster's WAL between two positions. */
    long walBytes(String from, String to) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_wal_lsn_diff('" + to + "', '" + from + "')::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The WAL records between two positions that touch the bench database, and all records (commits) of the
     * transactions that wrote them, with the bytes of their full-page images; -1 when pg_walinspect cannot be loaded.
     */
    DatabaseWal databaseWal(String from, String to) {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_walinspect SCHEMA public");
            try (ResultSet rs = st.executeQuery("WITH r AS (SELECT xid, record_length, fpi_length, block_ref LIKE '% rel %/' || "
                    + "(SELECT oid FROM pg_database WHERE datname = current_database()) || '/%' AS ours "
                    + "FROM public.pg_get_wal_records_info('" + from + "', '" + to + "')), "
                    + "x AS (SELECT DISTINCT xid FROM r WHERE ours AND xid <> '0') "
                    + "SELECT coalesce(sum(record_length), 0), coalesce(sum(fpi_length), 0) FROM r "
                    + "WHERE ours OR xid IN (SELECT xid FROM x)")) {
                rs.next();
                return new DatabaseWal(rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            System.err.println("warning: WAL of the bench database not measured: " + e.getMessage());
            return new DatabaseWal(-1, -1);
        }
    }

    /**
     * The bench database's WAL records between two positions, without their full-page images, by the relation of
     * their first block (its name in this database, "(commit etc.)" for records without one), largest first; empty
     * without pg_walinspect.
     */
    java.util.Map<String, Long> walByRelation(String from, String to) {
        java.util.Map<String, Long> bytes = new java.util.LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("WITH r AS (SELECT xid, record_length - fpi_length AS record_length, substring(block_ref from "
                     + "'rel [0-9]+/([0-9]+)/') AS dbid, substring(block_ref from 'rel [0-9]+/[0-9]+/([0-9]+)') AS node "
                     + "FROM public.pg_get_wal_records_info('" + from + "', '" + to + "')), "
                     + "ours AS (SELECT * FROM r WHERE dbid = (SELECT oid::text FROM pg_database "
                     + "WHERE datname = current_database())), "
                     + "x AS (SELECT DISTINCT xid FROM ours WHERE xid <> '0') "
                     + "SELECT coalesce(k.relname, '(commit etc.)'), sum(r.record_length) AS b FROM r "
                     + "LEFT JOIN pg_class k ON r.node IS NOT NULL AND k.relfilenode::text = r.node "
                     + "WHERE r.dbid = (SELECT oid::text FROM pg_database WHERE datname = current_database()) "
                     + "OR (r.dbid IS NULL AND r.xid IN (SELECT xid FROM x)) GROUP BY 1 ORDER BY 2 DESC")) {
            while (rs.next()) {
                bytes.merge(rs.getString(1), rs.getLong(2), Long::sum);
            }
        } catch (SQLException e) {
            System.err.println("warning: WAL by relation not measured: " + e.getMessage());
        }
        return bytes;
    }
}
