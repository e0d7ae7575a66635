package dev.taskstream.app.demo;

import dev.taskstream.server.TaskTypes;
import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.config.ServerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The server of demo mode, in this process: 127.0.0.1 on a free port, an in-memory H2 database (a fresh demo graph
 * on every start, nothing left on disk), the demo knowledge graph (project {@value #PROJECT}) and the production
 * task types. The demo graph is imported by an {@code import_graph} task ({@link #importTask()}) that runs once the
 * server listens, so the window opens without waiting for it and shows the import's progress. Starting takes a
 * moment (schema, the demo graph's upload): call {@link #start()} off the FX thread, or {@link #startInBackground()}.
 */
public final class DemoServer implements AutoCloseable {
    public static final String PROJECT = "demo";

    private final TaskstreamServer server;
    private final ServerSettings settings;
    private final String dbUrl;
    private final Optional<UUID> importTask;

    private DemoServer(TaskstreamServer server, ServerSettings settings, String dbUrl, Optional<UUID> importTask) {
        this.server = server;
        this.settings = settings;
        this.dbUrl = dbUrl;
        this.importTask = importTask;
    }

    public static DemoServer start() {
        String url = "jdbc:h2:mem:taskstream-demo-" + UUID.randomUUID().toString().substring(0, 8)
                + ";DB_CLOSE_DELAY=-1";
        ServerSettings settings = ServerSettings.defaults(url).withPort(0);
        TaskstreamServer server = TaskstreamServer.start(settings, TaskTypes.production());
        try {
            return new DemoServer(server, settings, url, server.importDemoGraph());
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** The task importing the demo graph (empty if the graph was there already). */
    public Optional<UUID> importTask() {
        return importTask;
    }

    /**
     * Starts the server on a thread of its own. The desktop app calls this before it starts JavaFX, so the server
     * (and the logging it initialises) starts while the toolkit comes up, not after the splash is shown.
     */
    public static CompletableFuture<DemoServer> startInBackground() {
        CompletableFuture<DemoServer> started = new CompletableFuture<>();
        Thread.ofPlatform().name("taskstream-demo-start").start(() -> {
            try {
                started.complete(start());
            } catch (RuntimeException | Error e) {
                started.completeExceptionally(e);
            }
        });
        return started;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public String dbUrl() {
        return dbUrl;
    }

    /** Stops the server and drops its in-memory database ({@code DB_CLOSE_DELAY=-1} would keep it until exit). */
    @Override
    public void close() {
        server.close();
        try (Connection c = DriverManager.getConnection(dbUrl, Objects.toString(settings.dbUser(), ""),
                Objects.toString(settings.dbPassword(), ""));
                Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // already gone, or never opened: nothing left to release
        }
    }
}
