package dev.taskstream.server.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Database readiness for the health endpoint, checked in the background on a connection of its own:
 * a health request only reads the last result, so it never waits behind the busy pool or for a
 * database that does not answer.
 */
public final class DatabaseProbe implements AutoCloseable {
    /** Between checks while the database is up, and (sooner, to see it come back) while it is down. */
    static final Duration UP_INTERVAL = Duration.ofSeconds(1);
    static final Duration DOWN_INTERVAL = Duration.ofMillis(250);
    /** A result older than this means the probe itself is stuck: the database counts as down. */
    static final Duration STALE_AFTER = Duration.ofSeconds(5);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);

    /** The last check: whether the database answered, and when that was. */
    public record Readiness(boolean up, Instant checkedAt) {
    }

    private final Database db;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private volatile Readiness last;
    private Connection connection; // touched by the probe thread only (and by start, before it runs)

    private DatabaseProbe(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "taskstream-db-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks once (so the first health answer is a real one) and then keeps checking in the background. */
    public static DatabaseProbe start(Database db, Clock clock) {
        DatabaseProbe probe = new DatabaseProbe(db, clock);
        probe.checkAndReschedule();
        return probe;
    }

    /** The last result; down when it is older than {@link #STALE_AFTER}. */
    public Readiness readiness() {
        Readiness r = last;
        boolean fresh = Duration.between(r.checkedAt(), clock.instant()).compareTo(STALE_AFTER) <= 0;
        return fresh ? r : new Readiness(false, r.checkedAt());
    }

    private void checkAndReschedule() {
        last = new Readiness(check(), clock.instant());
        Duration next = last.up() ? UP_INTERVAL : DOWN_INTERVAL;
        try {
            scheduler.schedule(this::checkAndReschedule, next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            closeConnection(); // closed meanwhile
        }
    }

    private boolean check() {
        try {
            if (connection == null) {
                connection = db.openDedicatedConnection("taskstream-health", CHECK_TIMEOUT);
            }
            if (connection.isValid((int) CHECK_TIMEOUT.toSeconds())) {
                return true;
            }
        } catch (SQLException e) {
            // down: reported through readiness; the server log already hears of outages from the pool
        }
        closeConnection(); // a new connection next time, once the database is back
        return false;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // already broken
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}
