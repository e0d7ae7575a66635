package dev.taskstream.server.cli;

import dev.taskstream.server.db.DataDirectory;
import dev.taskstream.server.db.Redact;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The database options shared by {@code serve} and {@code import} (a picocli mixin). */
public final class DatabaseOptions {
    @Option(names = "--db-url", defaultValue = "${env:TASKSTREAM_DB_URL}",
            description = "JDBC URL: jdbc:postgresql://HOST:PORT/DB or jdbc:h2:file:PATH (env TASKSTREAM_DB_URL; "
                    + "default: an H2 file in the user's data directory).")
    String url;

    @Option(names = "--db-user", defaultValue = "${env:TASKSTREAM_DB_USER}",
            description = "Database user (env TASKSTREAM_DB_USER).")
    String user;

    @Option(names = "--db-password", defaultValue = "${env:TASKSTREAM_DB_PASSWORD}",
            description = "Database password (env TASKSTREAM_DB_PASSWORD).")
    String password;

    /** The URL to use: the given one if it is one we support, else the default H2 file. */
    String urlOrDefault(CommandLine cl) {
        String chosen = url == null || url.isBlank() ? DataDirectory.defaultH2Url() : url;
        if (!chosen.startsWith("jdbc:h2:") && !chosen.startsWith("jdbc:postgresql:")) {
            throw new CommandLine.ParameterException(cl, "--db-url must start with jdbc:postgresql:// or jdbc:h2:, "
                    + "got '" + Redact.url(chosen) + "'");
        }
        return chosen;
    }
}
