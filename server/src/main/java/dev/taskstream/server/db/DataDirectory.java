package dev.taskstream.server.db;

import java.nio.file.Path;
import java.util.Locale;

/** Where a local installation keeps its H2 database when no --db-url is given. */
public final class DataDirectory {
    private DataDirectory() {
    }

    /** Per-user data directory following each platform's convention. */
    public static Path forCurrentUser() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home");
        if (os.contains("win")) {
            String appData = System.getenv("LOCALAPPDATA");
            return Path.of(appData != null ? appData : home, "Taskstream");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Taskstream");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share")).resolve("taskstream");
    }

    /** The JDBC URL of the default H2 file database; H2 creates the file on first use. */
    public static String defaultH2Url() {
        Path file = forCurrentUser().resolve("taskstream");
        return "jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    }
}
