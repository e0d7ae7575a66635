package dev.taskstream.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code count} SSE clients of one task's stream, one virtual thread and one raw socket each; every
 * client records the {@code System.nanoTime()} at which each event (by seq) was dispatched to it.
 */
final class Watchers implements AutoCloseable {
    /** One client's record. */
    static final class Watcher implements SseReader.Listener {
        private long[] arrival = new long[64];
        private final Watchers owner;
        private final boolean keepData;
        private int events;

        Watcher(Watchers owner, boolean keepData) {
            this.owner = owner;
            this.keepData = keepData;
        }

        @Override
        public void event(long seq, String name, String data, long nanos) {
            if (seq >= 0) {
                if (seq >= arrival.length) {
                    arrival = Arrays.copyOf(arrival, (int) Math.max(seq + 1, arrival.length * 2L));
                }
                if (arrival[(int) seq] == 0) {
                    arrival[(int) seq] = nanos;
                }
                if (keepData && data != null) {
                    owner.data.putIfAbsent(seq, data);
                }
            }
            if (++events == 1) {
                owner.connected.countDown();
            }
        }

        /** When event {@code seq} arrived (System.nanoTime), or 0 when it did not. Read after the client ended. */
        long arrival(long seq) {
            return seq < arrival.length ? arrival[(int) seq] : 0;
        }
    }

    private static final int PER_ADDRESS = 25_000;
    private final List<Watcher> watchers = new ArrayList<>();
    private final List<SseReader> readers = new ArrayList<>();
    private final CountDownLatch connected;
    private final CountDownLatch done;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    /** The data line of each event, kept by the first client only (for payload fields such as updated_at). */
    final ConcurrentHashMap<Long, String> data = new ConcurrentHashMap<>();

    private Watchers(int count) {
        connected = new CountDownLatch(count);
        done = new CountDownLatch(count);
    }

    /** Starts {@code count} clients, at most {@code parallel} connecting at a time; returns at once. */
    static Watchers start(URI base, UUID taskId, int count, int parallel, int bufferSize) {
        Watchers w = new Watchers(count);
        Semaphore connecting = new Semaphore(parallel);
        String path = "/api/v1/tasks/" + taskId + "/stream";
        for (int i = 0; i < count; i++) {
            int index = i;
            Watcher watcher = new Watcher(w, i == 0);
            w.watchers.add(watcher);
            Thread.ofVirtual().name("bench-watcher-" + i).start(() -> {
                SseReader reader = null;
                try {
                    connecting.acquire();
                    try {
                        reader = SseReader.open(base, path, bufferSize, localAddress(base, count, index));
                        synchronized (w.readers) {
                            w.readers.add(reader);
                        }
                    } finally {
                        connecting.release();
                    }
                    if (reader.status() != 200) {
                        throw new IllegalStateException("stream answered " + reader.status());
                    }
                    reader.readEvents(watcher, watcher.keepData);
                } catch (Throwable e) {
                    w.failures.incrementAndGet();
                    w.firstFailure.compareAndSet(null, e);
                    if (watcher.events == 0) {
                        w.connected.countDown();
                    }
                } finally {
                    if (reader != null) {
                        reader.close();
                    }
                    w.done.countDown();
                }
            });
        }
        return w;
    }

    /**
     * Beyond {@link #PER_ADDRESS} clients of a loopback server, client i connects from 127.0.0.(1 + i /
     * PER_ADDRESS): each local address has its own ephemeral ports (32768–60999 here).
     */
    private static java.net.InetAddress localAddress(URI base, int count, int i) throws java.io.IOException {
        if (count <= PER_ADDRESS || !base.getHost().startsWith("127.")) {
            return null;
        }
        return java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + i / PER_ADDRESS)});
    }

    /** Waits until every client got its first event (the task's current state). */
    void awaitConnected(long timeoutMillis) throws InterruptedException {
        if (!connected.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(connected.getCount() + " of " + watchers.size()
                    + " stream clients got no first event within " + timeoutMillis + " ms" + failureNote());
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " stream clients failed" + failureNote());
        }
    }

    /** Waits until every client's stream ended (the server ends it after the terminal event). */
    void awaitDone(long timeoutMillis) throws InterruptedException {
        if (!done.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(done.getCount() + " of " + watchers.size()
                    + " streams did not end within " + timeoutMillis + " ms" + failureNote());
        }
    }

    int failures() {
        return failures.get();
    }

    String failureNote() {
        Throwable t = firstFailure.get();
        return t == null ? "" : " (first failure: " + t + ")";
    }

    List<Watcher> list() {
        return watchers;
    }

    @Override
    public void close() {
        synchronized (readers) {
            readers.forEach(SseReader::close);
        }
    }
}
