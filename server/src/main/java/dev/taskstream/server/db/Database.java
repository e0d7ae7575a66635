package dev.taskstream.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.taskstream.server.db.migration.V6__Graph_rows_without_per_row_checks;
import dev.taskstream.server.db.migration.V7__Task_indexes_written_less;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The connection pool, Jdbi and the schema. Migrations run on open, so a fresh database (an H2
 * file created on first run, or an empty Postgres schema) is usable at once.
 */
public final class Database implements AutoCloseable {
    private final String url;
    private final String user;
    private final String password;
    private final Dialect dialect;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final LongAdder statements = new LongAdder();

    private Database(String url, String user, String password, int poolSize) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.dialect = Dialect.fromJdbcUrl(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("taskstream-db");
        if (dialect == Dialect.POSTGRES) {
            // A JDBC batch of INSERTs (bulk enqueue, a claim's or a group commit's events) goes as
            // multi-row INSERTs rather than one statement per row: fewer statements for Postgres to run.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        // Fail fast at start-up with a clear message rather than hang on a wrong URL.
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(10_000);
        this.dataSource = new HikariDataSource(config);
        this.jdbi = Jdbi.create(dataSource);
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.getConfig(SqlStatements.class).setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                statements.increment();
            }
        });
    }

    /**
     * SQL statements run through Jdbi so far: shows that the database load does not grow with the
     * number of stream watchers (exported as {@code taskstream_db_statements_total}).
     */
    public long statementCount() {
        return statements.sum();
    }

    /** Opens the pool and migrates the schema to the newest version. */
    public static Database open(String url, String user, String password, int poolSize) {
        Database db = new Database(url, user, password, poolSize);
        try {
            Flyway.configure().dataSource(db.dataSource).locations("classpath:db/migration")
                    .placeholders(Map.of("binary", db.dialect == Dialect.POSTGRES ? "BYTEA" : "BLOB"))
                    .javaMigrations(new V6__Graph_rows_without_per_row_checks(), new V7__Task_indexes_written_less())
                    .load().migrate();
            if (db.dialect == Dialect.H2) {
                // H2 flushes commits up to 500 ms late by default: a crashed process would lose
                // tasks and events it had already reported as committed.
                db.jdbi.useHandle(h -> h.execute("SET WRITE_DELAY 0"));
            }
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Dialect dialect() {
        return dialect;
    }

    public String url() {
        return url;
    }

    /**
     * A connection outside the pool, for a long-lived session such as Postgres LISTEN: holding a
     * pooled connection forever would shrink the pool for everybody else.
     */
    public Connection openDedicatedConnection(String applicationName) throws SQLException {
        return DriverManager.getConnection(url, connectionProperties(applicationName));
    }

    /**
     * A dedicated connection whose connect, login and every later read give up after {@code timeout}
     * on Postgres (the health probe's: it must notice an unreachable database, not hang on it).
     */
    public Connection openDedicatedConnection(String applicationName, Duration timeout) throws SQLException {
        Properties props = connectionProperties(applicationName);
        if (dialect == Dialect.POSTGRES) {
            String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
            props.setProperty("connectTimeout", seconds);
            props.setProperty("loginTimeout", seconds);
            props.setProperty("socketTimeout", seconds);
        }
        return DriverManager.getConnection(url, props);
    }

    private Properties connectionProperties(String applicationName) {
        Properties props = new Properties();
        if (dialect == Dialect.POSTGRES) {
            props.setProperty("ApplicationName", applicationName);
        }
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return props;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
