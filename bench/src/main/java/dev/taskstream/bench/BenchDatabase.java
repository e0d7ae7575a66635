package dev.taskstream.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The database a benchmark runs on: a fresh in-memory H2 database, a fresh schema in Postgres (created
 * here, dropped on close), or a database given by URL (used as it is; the bench tasks stay in it).
 */
final class BenchDatabase implements AutoCloseable {
    enum Kind { H2, POSTGRES }

    private final Kind kind;
    private final String url;
    private final String user;
    private final String password;
    private final String adminUrl; // where the schema was created, or null
    private final String schema;
    private final String label;

    private BenchDatabase(Kind kind, String url, String user, String password, String adminUrl, String schema,
            String label) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
        this.adminUrl = adminUrl;
        this.schema = schema;
        this.label = label;
    }

    private static String freshName() {
        return "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static BenchDatabase h2Memory() {
        String url = "jdbc:h2:mem:" + freshName() + ";DB_CLOSE_DELAY=-1";
        return new BenchDatabase(Kind.H2, url, null, null, null, null, "H2 " + h2Version() + " in-memory");
    }

    /** A fresh schema {@code bench_xxxx} in the Postgres database at {@code baseUrl}. */
    static BenchDatabase postgresSchema(String baseUrl, String user, String password) throws SQLException {
        String name = freshName();
        String version;
        try (Connection c = DriverManager.getConnection(baseUrl, user, password); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + name);
            version = c.getMetaData().getDatabaseProductVersion();
        }
        String url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
        return new BenchDatabase(Kind.POSTGRES, url, user, password, baseUrl, name,
                "PostgreSQL " + version + " at " + stripQuery(baseUrl) + ", fresh schema " + name);
    }

    /** The database at {@code url}, as it is. */
    static BenchDatabase given(String url, String user, String password) throws SQLException {
        Kind kind = url.startsWith("jdbc:postgresql:") ? Kind.POSTGRES : Kind.H2;
        String product;
        if (url.startsWith("jdbc:h2:mem:")) {
            product = "H2 " + h2Version();
        } else {
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                product = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
            }
        }
        return new BenchDatabase(kind, url, user, password, null, null, product + " at " + stripQuery(url));
    }

    private static String h2Version() {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:")) {
            return c.getMetaData().getDatabaseProductVersion().split(" ")[0];
        } catch (SQLException e) {
            return "?";
        }
    }

    private static String stripQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    Kind kind() {
        return kind;
    }

    String shortName() {
        return kind.name().toLowerCase(Locale.ROOT).equals("h2") ? "H2" : "Postgres";
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    String label() {
        return label;
    }

    @Override
    public void close() {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                 Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                System.err.println("warning: could not drop schema " + schema + ": " + e.getMessage());
            }
        } else if (url.startsWith("jdbc:h2:mem:")) {
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            } catch (SQLException e) {
                // already gone
            }
        }
    }
}
