package dev.taskstream.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Commits of the bench database ({@code pg_stat_database.xact_commit}) and WAL written by the whole
 * cluster ({@code pg_current_wal_lsn()}), read before and after a run. Postgres flushes a backend's
 * counters when it goes idle, at most every second and at the latest after 10 s, so a reading first
 * waits for the pools' connections to have flushed.
 */
final class PgActivity {
    private static final long FLUSH_WAIT_MILLIS = 11_000;

    /** One reading: commits so far and the WAL position. */
    record Reading(long commits, String walLsn) {
    }

    /** What happened between two readings. */
    record Delta(long commits, long walBytes) {
    }

    private final BenchDatabase db;

    PgActivity(BenchDatabase db) {
        this.db = db;
    }

    Reading read() throws SQLException, InterruptedException {
        Thread.sleep(FLUSH_WAIT_MILLIS); // counters of idle pooled connections reach pg_stat_database
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = st.executeQuery("SELECT xact_commit, pg_current_wal_lsn()::text FROM pg_stat_database "
                    + "WHERE datname = current_database()")) {
                rs.next();
                return new Reading(rs.getLong(1), rs.getString(2));
            }
        }
    }

    Delta since(Reading before) throws SQLException, InterruptedException {
        Reading after = read();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_wal_lsn_diff('" + after.walLsn() + "', '" + before.walLsn()
                     + "')::bigint")) {
            rs.next();
            // the readings' own two commits are not the run's
            return new Delta(after.commits() - before.commits() - 2, rs.getLong(1));
        }
    }
}
