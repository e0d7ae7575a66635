package dev.taskstream.server.cli;

import dev.taskstream.server.TaskstreamServer;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Runs a server until SIGTERM or SIGINT, then stops it gracefully (stream clients told, running
 * tasks requeued) and returns, so that the process exits with code 0 — a plain shutdown hook
 * would end with 143 after SIGTERM, which service managers report as a failure.
 */
public final class GracefulStop {
    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    private GracefulStop() {
    }

    public static void awaitSignalThenClose(TaskstreamServer server) {
        CountDownLatch signalled = new CountDownLatch(1);
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> signalled.countDown());
            } catch (IllegalArgumentException e) {
                log.debug("signal {} not available here", name);
            }
        }
        // Any other way the JVM ends (SIGHUP, System.exit) still closes the server.
        Thread hook = new Thread(server::close, "taskstream-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            signalled.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("stopping: telling stream clients, requeueing running tasks");
        long started = System.nanoTime();
        server.close();
        log.info("stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // fine: the hook finds the server closed
        }
    }
}
