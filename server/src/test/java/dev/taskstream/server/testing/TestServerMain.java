package dev.taskstream.server.testing;

import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.cli.GracefulStop;
import dev.taskstream.server.config.ServerSettings;
import java.time.Duration;

/**
 * A server process with the test task types, for tests that need a second process they can kill:
 * {@code TestServerMain DB_URL DB_USER|- LEASE_MILLIS WORKERS}.
 */
public final class TestServerMain {
    private TestServerMain() {
    }

    public static void main(String[] args) {
        String user = args[1].equals("-") ? null : args[1];
        ServerSettings settings = ServerSettings.defaults(args[0]).withDb(args[0], user, null).withPort(0)
                .withLease(Duration.ofMillis(Long.parseLong(args[2]))).withWorkers(Integer.parseInt(args[3]))
                .withMaxBodyBytes(1L << 30); // the product's default: the memory tests post files of 80 MB
        TaskstreamServer server = TaskstreamServer.start(settings, TestHandlers.registry());
        System.out.println("Taskstream server listening on " + server.baseUrl() + " node " + server.nodeId());
        System.out.flush();
        GracefulStop.awaitSignalThenClose(server); // the same stop as `serve`
        System.exit(0);
    }
}
