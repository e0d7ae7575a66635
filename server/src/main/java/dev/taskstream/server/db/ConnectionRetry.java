package dev.taskstream.server.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Supplier;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a unit of work whose connection to the database failed: 3 attempts with backoff, as
 * the original system did. Each attempt may itself wait for the pool's connection timeout, so a
 * short outage is ridden out; a longer one surfaces as the last exception.
 */
public final class ConnectionRetry {
    private static final Logger log = LoggerFactory.getLogger(ConnectionRetry.class);
    public static final int ATTEMPTS = 3;
    private static final long FIRST_BACKOFF_MILLIS = 250;

    private ConnectionRetry() {
    }

    public static <T> T call(String what, Supplier<T> work) {
        long backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isConnectionFailure(e)) {
                    throw e;
                }
                log.warn("{} failed on a database connection problem (attempt {} of {}), retrying in {} ms: {}",
                        what, attempt, ATTEMPTS, backoff, e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff *= 2;
            }
        }
    }

    /** Connection-level failures (pool timeout, broken connection, SQLState class 08), not SQL errors. */
    public static boolean isConnectionFailure(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLTransientConnectionException || c instanceof ConnectionException) {
                return true;
            }
            if (c instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
