package dev.taskstream.server.db;

/** The two databases Taskstream runs on; SQL that differs between them asks this. */
public enum Dialect {
    H2, POSTGRES;

    public static Dialect fromJdbcUrl(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRES;
        }
        throw new IllegalArgumentException("unsupported database URL '" + url
                + "': use jdbc:postgresql://HOST:PORT/DB or jdbc:h2:file:PATH");
    }
}
