package dev.taskstream.server.testing;

import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.config.ServerSettings;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test database, a real server on it and an {@link Http} client of it, for one test class: registered as a
 * {@code @RegisterExtension} field of a {@code PER_CLASS} test, it starts before the class's {@code @BeforeAll}
 * methods and closes after its tests, so contracts don't each repeat that lifecycle.
 */
public final class ServerFixture implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<TestDatabase.Kind> kind;
    private final UnaryOperator<ServerSettings> tweak;
    private TestDatabase db;
    private TaskstreamServer server;
    private Http http;
    private long startMillis;

    /** {@code kind} is read when the class starts (a contract's abstract {@code kind()}). */
    public ServerFixture(Supplier<TestDatabase.Kind> kind, UnaryOperator<ServerSettings> tweak) {
        this.kind = kind;
        this.tweak = tweak;
    }

    public ServerFixture(Supplier<TestDatabase.Kind> kind) {
        this(kind, UnaryOperator.identity());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        db = TestDatabase.create(kind.get());
        startServer();
    }

    /** Stops the server and starts a new one on the same database with the same settings. */
    public void restart() {
        server.close();
        startServer();
    }

    private void startServer() {
        long t0 = System.nanoTime();
        server = TestServer.start(db, tweak);
        startMillis = (System.nanoTime() - t0) / 1_000_000;
        http = new Http(server.baseUrl());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestServer.stop(server, db);
    }

    public TestDatabase db() {
        return db;
    }

    public TaskstreamServer server() {
        return server;
    }

    public Http http() {
        return http;
    }

    /** How long the last server start took, in milliseconds (a demo load is part of it). */
    public long startMillis() {
        return startMillis;
    }
}
