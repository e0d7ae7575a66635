package dev.taskstream.server.stream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads behind every live stream: one writer loop per core, which runs a stream's next write
 * when the bus wakes it (the write itself does not block: what a socket does not take, Jetty finishes
 * when the socket is writable), and one timer that sends {@code : ping} to streams that were silent
 * for (nearly) a heartbeat. So an open stream holds no thread. Each stream belongs to one loop (round robin),
 * as each client of the benchmarks' bare NIO broadcaster belongs to one selector thread: a wake-up is
 * an add to that loop's queue, and the loop thread is unparked only when it sleeps, so the bus thread
 * that offers an event to a thousand streams does not signal a thousand times.
 */
final class StreamWriters implements AutoCloseable {
    private final Loop[] loops;
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final ScheduledExecutorService heartbeats;
    private final Set<SseStream> live = ConcurrentHashMap.newKeySet();
    /** The longest tick of the heartbeat timer: a ping is at most this early. */
    private static final long MAX_TICK_MILLIS = 100;
    /** A stream silent for this long is pinged: the heartbeat less one tick. */
    private final long heartbeatNanos;
    private volatile boolean closed;

    StreamWriters(Duration heartbeat) {
        int cores = Runtime.getRuntime().availableProcessors();
        this.loops = new Loop[cores];
        for (int i = 0; i < cores; i++) {
            loops[i] = new Loop();
            loops[i].thread = Thread.ofPlatform().name("sse-writer-" + i).daemon().start(loops[i]);
        }
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sse-heartbeat").daemon().factory());
        // A stream is checked every tick and pinged at the last tick before its heartbeat is up, so that the gap
        // between two frames is at most the heartbeat (a proxy's idle timeout set to it never cuts a stream) and at
        // least a tick less. Checking four times per heartbeat and pinging after it was up made gaps of 1.25
        // heartbeats (18.75 s for 15 s).
        long tick = Math.clamp(heartbeat.toMillis() / 10, 1, MAX_TICK_MILLIS);
        this.heartbeatNanos = heartbeat.toNanos() - TimeUnit.MILLISECONDS.toNanos(tick);
        heartbeats.scheduleAtFixedRate(this::pingSilentStreams, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** The loop a new stream's writes run on. */
    Loop assign() {
        return loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
    }

    void opened(SseStream s) {
        live.add(s);
    }

    void closed(SseStream s) {
        live.remove(s);
    }

    /**
     * Waits until every live stream has ended, at most {@code max}: at shutdown, after the bus told them
     * to stop, each writes its goodbye comment asynchronously, and stopping Jetty first would cut it off.
     */
    void awaitEnded(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!live.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
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
        closed = true;
        heartbeats.shutdownNow();
        for (Loop l : loops) {
            LockSupport.unpark(l.thread);
        }
    }

    /** One writer thread and the streams waiting for it, in the order they were woken. */
    final class Loop implements Runnable {
        private final ConcurrentLinkedQueue<SseStream> ready = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean sleeping = new AtomicBoolean();
        private Thread thread;

        /** Runs {@code s}'s next write on this loop (the stream sees to it that it is queued once). */
        void submit(SseStream s) {
            ready.add(s);
            if (sleeping.get() && sleeping.compareAndSet(true, false)) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            while (!closed) {
                SseStream s = ready.poll();
                if (s != null) {
                    s.drain();
                    continue;
                }
                sleeping.set(true);
                if (!ready.isEmpty()) { // a submit between the poll and the line above may not have seen it
                    sleeping.set(false);
                    continue;
                }
                LockSupport.park(this);
                sleeping.set(false);
            }
        }
    }
}
