package dev.taskstream.server.stream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The threads behind every live stream: one writer per core, which run a stream's next write when
 * the bus wakes it (the write itself does not block: what a socket does not take, Jetty finishes
 * when the socket is writable), and one timer that sends {@code : ping} to streams that were silent
 * for a heartbeat. So an open stream holds no thread; the bare NIO broadcaster of the benchmarks
 * works the same way.
 */
final class StreamWriters implements AutoCloseable {
    private final ExecutorService writers;
    private final ScheduledExecutorService heartbeats;
    private final Set<SseStream> live = ConcurrentHashMap.newKeySet();
    private final long heartbeatNanos;

    StreamWriters(Duration heartbeat) {
        int cores = Runtime.getRuntime().availableProcessors();
        this.writers = Executors.newFixedThreadPool(cores, Thread.ofPlatform().name("sse-writer-", 0).daemon().factory());
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sse-heartbeat").daemon().factory());
        this.heartbeatNanos = heartbeat.toNanos();
        // Checked four times per heartbeat: a silent stream gets its ping within 1.25 heartbeats.
        long period = Math.max(1, heartbeat.toMillis() / 4);
        heartbeats.scheduleAtFixedRate(this::pingSilentStreams, period, period, TimeUnit.MILLISECONDS);
    }

    void execute(Runnable write) {
        writers.execute(write);
    }

    void opened(SseStream s) {
        live.add(s);
    }

    void closed(SseStream s) {
        live.remove(s);
    }

    /** Streams that are live (past their setup) and not ended. */
    int liveStreams() {
        return live.size();
    }

    private void pingSilentStreams() {
        long now = System.nanoTime();
        for (SseStream s : live) {
            if (now - s.lastWriteNanos() >= heartbeatNanos) {
                s.ping();
            }
        }
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        writers.shutdown();
    }
}
