package dev.taskstream.server.db;

import java.sql.SQLException;

/** Reading the SQL state out of whatever a driver, the pool and Jdbi wrapped around it. */
public final class SqlErrors {
    private SqlErrors() {
    }

    /** A unique or primary key was violated (SQL state 23505 on H2 and Postgres alike). */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
