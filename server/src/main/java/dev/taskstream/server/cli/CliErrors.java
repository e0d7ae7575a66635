package dev.taskstream.server.cli;

import java.net.BindException;

/** Turns start-up failures into one readable line. */
final class CliErrors {
    private CliErrors() {
    }

    static String describe(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof BindException) {
                return "cannot listen on the requested address: " + c.getMessage()
                        + " (is another server using the port? try --port 0)";
            }
            if (c instanceof java.sql.SQLException sql) {
                return "cannot open the database: " + sql.getMessage();
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return e == root || e.getMessage() == null ? message : e.getMessage() + ": " + message;
    }
}
