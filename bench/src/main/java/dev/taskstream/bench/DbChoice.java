package dev.taskstream.bench;

import java.sql.SQLException;

/**
 * Which database a benchmark run uses: {@code h2} (fresh in-memory), {@code postgres} (fresh schema in
 * {@code url}, default the local test database) or {@code url} (exactly that database).
 */
public record DbChoice(String mode, String url, String user, String password) {
    public static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String DEFAULT_PG_USER = "postgres";

    public static DbChoice h2() {
        return new DbChoice("h2", null, null, null);
    }

    public static DbChoice postgres(String baseUrl, String user, String password) {
        return new DbChoice("postgres", baseUrl, user, password);
    }

    public static DbChoice given(String url, String user, String password) {
        return new DbChoice("url", url, user, password);
    }

    BenchDatabase open() throws SQLException {
        return switch (mode) {
            case "h2" -> BenchDatabase.h2Memory();
            case "postgres" -> BenchDatabase.postgresSchema(url, user, password);
            default -> BenchDatabase.given(url, user, password);
        };
    }

    public boolean isPostgres() {
        return mode.equals("postgres") || (url != null && url.startsWith("jdbc:postgresql:"));
    }

    @Override
    public String toString() {
        return switch (mode) {
            case "h2" -> "h2 (fresh in-memory)";
            case "postgres" -> "postgres (fresh schema in " + url + ")";
            default -> url;
        };
    }
}
