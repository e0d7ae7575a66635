package dev.taskstream.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskstream.app.communities.RebuildLauncher;
import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.config.ServerSettings;
import dev.taskstream.shared.api.ErrorBody;
import dev.taskstream.shared.api.TaskAccepted;
import dev.taskstream.shared.client.ApiException;
import dev.taskstream.shared.client.TaskstreamClient;
import dev.taskstream.shared.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Taskstream server in this JVM (Javalin on 127.0.0.1, a free port, H2) with the production task types plus
 * {@link TestTasks}; can be stopped and started again on the same port and database (a server that goes away and
 * comes back). As a static {@code @RegisterExtension} field ({@link #perClass()}, {@link #perClassOnFile()}) it
 * starts before the class's tests and closes after them, so test classes don't repeat that lifecycle.
 */
public final class AppTestServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    public static final String PROJECT = "demo";

    private final Callable<String> database;
    private UnaryOperator<ServerSettings> tuning = UnaryOperator.identity();
    private String dbUrl;
    private TaskstreamServer server;
    private int port;
    private TaskstreamClient client;

    private AppTestServer(Callable<String> database) {
        this.database = database;
    }

    /** In-memory H2. */
    public static AppTestServer start() {
        return perClass().startNow();
    }

    /** H2 file database in {@code dir}: survives {@link #stop()} for {@link #restart()}. */
    public static AppTestServer startOnFile(Path dir) {
        return new AppTestServer(() -> fileUrl(dir)).startNow();
    }

    /** In-memory H2, started before the class's tests (register as a static {@code @RegisterExtension}). */
    public static AppTestServer perClass() {
        return new AppTestServer(() -> "jdbc:h2:mem:app_" + UUID.randomUUID().toString().substring(0, 8)
                + ";DB_CLOSE_DELAY=-1");
    }

    /** {@link #perClass()} on an H2 file database in a new temporary directory, for {@link #restart()}. */
    public static AppTestServer perClassOnFile() {
        return new AppTestServer(() -> fileUrl(Files.createTempDirectory("taskstream-app-ui")));
    }

    /** This server with settings changed from the test defaults (e.g. a small upload limit); call before it starts. */
    public AppTestServer with(UnaryOperator<ServerSettings> change) {
        this.tuning = change;
        return this;
    }

    private static String fileUrl(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("taskstream").toAbsolutePath();
    }

    private AppTestServer startNow() {
        try {
            dbUrl = database.call();
        } catch (Exception e) {
            throw new IllegalStateException("no database for the test server", e);
        }
        server = TaskstreamServer.start(settings(0), TestTasks.registry());
        port = server.port();
        client = TaskstreamClient.create(server.baseUrl());
        client.putProject(PROJECT, "Demo");
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startNow();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private ServerSettings settings(int p) {
        return tuning.apply(ServerSettings.defaults(dbUrl).withPort(p).withDemo(true).withHeartbeat(Duration.ofSeconds(5)));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** A client of this server (closed with it). */
    public TaskstreamClient client() {
        return client;
    }

    /** The server goes away (graceful stop: streams are cut, running tasks requeued). */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** A new server process on the same port and database. */
    public synchronized void restart() {
        stop();
        server = TaskstreamServer.start(settings(port), TestTasks.registry());
    }

    /** Starts rebuilds through the real endpoint, {@code POST /api/v1/projects/{id}/communities/rebuild}. */
    public RebuildLauncher rebuildLauncher() {
        return RebuildLauncher.of(client);
    }

    /** {@code POST /api/v1/tasks} {name, project_id, params}; ApiException (with the server's error) on non-2xx. */
    public TaskAccepted submit(String name, String project, JsonNode params) {
        ObjectNode body = Json.mapper().createObjectNode().put("name", name).put("project_id", project);
        body.set("params", params == null ? Json.mapper().createObjectNode() : params);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/tasks"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                JsonNode json = Json.mapper().readTree(r.body());
                ErrorBody error = new ErrorBody(json.path("error").asText(), json.path("detail").asText(null));
                throw new ApiException(r.statusCode(), error, json, "POST /api/v1/tasks failed: HTTP "
                        + r.statusCode() + " " + error.error() + ": " + error.detail(), null);
            }
            return Json.mapper().readValue(r.body(), TaskAccepted.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public TaskAccepted submitSlow(int steps, long stepMillis) {
        return submit(TestTasks.Slow.NAME, PROJECT,
                Json.mapper().createObjectNode().put("steps", steps).put("step_ms", stepMillis));
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        stop();
        dropInMemoryDatabase();
    }

    /**
     * An in-memory H2 database lives on after its server ({@code DB_CLOSE_DELAY=-1}) until the JVM ends; the test
     * classes share one JVM with a small heap, so each drops its own when done.
     */
    private void dropInMemoryDatabase() {
        if (dbUrl == null || !dbUrl.startsWith("jdbc:h2:mem:")) {
            return;
        }
        ServerSettings db = settings(port);
        try (Connection c = DriverManager.getConnection(dbUrl, Objects.toString(db.dbUser(), ""),
                Objects.toString(db.dbPassword(), ""));
                Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test database " + dbUrl, e);
        }
    }
}
