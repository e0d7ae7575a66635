package dev.taskstream.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty database for one test class: an in-memory H2 database, or a new schema in the
 * local Postgres (127.0.0.1:5432, user postgres, database test). Without Postgres the Postgres
 * tests are skipped with a message, except under CI=true, where that fails the run.
 */
public final class TestDatabase implements AutoCloseable {
    public enum Kind { H2, POSTGRES }

    public static final String PG_HOST = System.getenv().getOrDefault("TASKSTREAM_TEST_PG_HOST", "127.0.0.1");
    public static final String PG_PORT = System.getenv().getOrDefault("TASKSTREAM_TEST_PG_PORT", "5432");
    public static final String PG_DB = System.getenv().getOrDefault("TASKSTREAM_TEST_PG_DB", "test");
    public static final String PG_USER = System.getenv().getOrDefault("TASKSTREAM_TEST_PG_USER", "postgres");
    private static final String PG_BASE = "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + PG_DB;

    private final Kind kind;
    private final String url;
    private final String user;
    private final String schema;

    private TestDatabase(Kind kind, String url, String user, String schema) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.schema = schema;
    }

    public static TestDatabase create(Kind kind) {
        String name = "ts_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (kind == Kind.H2) {
            return new TestDatabase(kind, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", null, null);
        }
        requirePostgres();
        try (Connection c = DriverManager.getConnection(PG_BASE, PG_USER, null); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema", e);
        }
        return new TestDatabase(kind, PG_BASE + "?currentSchema=" + name, PG_USER, name);
    }

    /** An H2 file database (for tests where separate processes use the same H2 database in turn). */
    public static TestDatabase h2File(java.nio.file.Path dir) {
        return new TestDatabase(Kind.H2, "jdbc:h2:file:" + dir.resolve("taskstream").toAbsolutePath(), null, null);
    }

    public static boolean postgresReachable() {
        try (Connection c = DriverManager.getConnection(PG_BASE, PG_USER, null)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    public static void requirePostgres() {
        if (postgresReachable()) {
            return;
        }
        String why = "Postgres is not reachable at " + PG_BASE + " (user " + PG_USER + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why + ": CI=true requires the Postgres tests to run (.ci/run starts Postgres)");
        }
        Assumptions.abort(why + ": skipping the Postgres tests (start Postgres to run them)");
    }

    public Kind kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    /**
     * {@link #url()}, where H2 waits up to 60 s for a row lock instead of its default 10 s: tests that hold a lock on
     * purpose, or claim from several threads, on a loaded machine. Postgres waits as long as it takes already.
     */
    public String urlPatientWithLocks() {
        return kind == Kind.H2 ? url + ";LOCK_TIMEOUT=60000" : url;
    }

    public String user() {
        return user;
    }

    @Override
    public void close() {
        if (kind == Kind.POSTGRES) {
            try (Connection c = DriverManager.getConnection(PG_BASE, PG_USER, null);
                 Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                // best effort: a leftover schema does not affect other tests
            }
        } else if (url.startsWith("jdbc:h2:mem:")) {
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            } catch (SQLException e) {
                // already closed
            }
        }
    }
}
