package dev.taskstream.server.db;

import java.sql.SQLException;
import java.util.Set;
import java.util.function.Predicate;

/** Reading the SQL state out of whatever a driver, the pool and Jdbi wrapped around it. */
public final class SqlErrors {
    /** H2's lock timeout and concurrent update; Postgres's lock_not_available. */
    private static final Set<String> CONFLICT_STATES = Set.of("HYT00", "90131", "55P03");

    private SqlErrors() {
    }

    /** A unique or primary key was violated (SQL state 23505 on H2 and Postgres alike). */
    public static boolean isUniqueViolation(Throwable e) {
        return hasSqlState(e, "23505"::equals);
    }

    /**
     * A transaction lost a race the database could not order: serialization failure or deadlock (class 40),
     * a lock wait that timed out or H2's concurrent update. Trying again later may well succeed.
     */
    public static boolean isConcurrencyConflict(Throwable e) {
        return hasSqlState(e, state -> state.startsWith("40") || CONFLICT_STATES.contains(state));
    }

    private static boolean hasSqlState(Throwable e, Predicate<String> state) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && sql.getSQLState() != null && state.test(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
