package dev.taskstream.server.testing;

import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.config.ServerSettings;
import dev.taskstream.server.task.TaskRegistry;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** Starts a real server (Javalin on a free port) on a test database. */
public final class TestServer {
    private TestServer() {
    }

    public static ServerSettings settings(TestDatabase db) {
        return ServerSettings.defaults(db.url())
                .withDb(db.url(), db.user(), null)
                .withPort(0)
                .withLease(Duration.ofSeconds(30))
                .withHeartbeat(Duration.ofSeconds(15))
                // tests open hundreds of streams from one address; StreamLimitsTest checks the limits
                .withStreamLimits(0, 0)
                // stream tests count every step of fast handlers; ProgressCoalescingContract tests the rate
                .withProgressRate(0);
    }

    public static TaskstreamServer start(TestDatabase db) {
        return start(db, UnaryOperator.identity());
    }

    public static TaskstreamServer start(TestDatabase db, UnaryOperator<ServerSettings> tweak) {
        return start(db, tweak, TestHandlers.registry());
    }

    public static TaskstreamServer start(TestDatabase db, UnaryOperator<ServerSettings> tweak, TaskRegistry registry) {
        return TaskstreamServer.start(tweak.apply(settings(db)), registry);
    }

    /** Closes a test server and then its database; either may be null (a failed start). */
    public static void stop(TaskstreamServer server, TestDatabase db) {
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }
}
