package dev.taskstream.app.demo;

import dev.taskstream.server.TaskTypes;
import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.config.ServerSettings;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The server of demo mode, in this process: 127.0.0.1 on a free port, an in-memory H2 database (a fresh demo graph
 * on every start, nothing left on disk), the demo knowledge graph (project {@value #PROJECT}) and the production
 * task types. Starting takes a moment (schema, demo graph): call {@link #start()} off the FX thread, or
 * {@link #startInBackground()}.
 */
public final class DemoServer implements AutoCloseable {
    public static final String PROJECT = "demo";

    private final TaskstreamServer server;
    private final String dbUrl;

    private DemoServer(TaskstreamServer server, String dbUrl) {
        this.server = server;
        this.dbUrl = dbUrl;
    }

    public static DemoServer start() {
        String url = "jdbc:h2:mem:taskstream-demo-" + UUID.randomUUID().toString().substring(0, 8)
                + ";DB_CLOSE_DELAY=-1";
        ServerSettings settings = ServerSettings.defaults(url).withPort(0).withDemo(true);
        return new DemoServer(TaskstreamServer.start(settings, TaskTypes.production()), url);
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

    @Override
    public void close() {
        server.close();
    }
}
