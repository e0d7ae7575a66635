package dev.taskstream.bench;

import dev.taskstream.server.stream.SseFrame;
import dev.taskstream.server.task.TaskEvent;
import dev.taskstream.shared.api.ProgressEvent;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The limit Taskstream's fan-out is compared with: a bare NIO broadcaster, no database, no framework.
 * It answers any GET with the same SSE head and chunked frames Taskstream sends (each event encoded
 * once into one shared direct buffer), and one {@link BaselineLoop} per core writes each client's
 * waiting frames in one non-blocking gathering write.
 */
final class BaselineBroadcaster implements AutoCloseable {
    static final String DESCRIPTION = "bare NIO broadcaster in the bench JVM (one selector thread per core, each "
            + "event encoded once into a shared direct buffer, a client's waiting frames in one gathering write, "
            + "no database)";

    private final UUID taskId = UUID.randomUUID();
    private final ServerSocketChannel server;
    private final List<BaselineLoop> loops = new ArrayList<>();
    /** When each seq was handed to the broadcaster ({@code System.nanoTime()}): its "commit". */
    final Map<Long, Long> commitNanos = new ConcurrentHashMap<>();
    private volatile ByteBuffer current;
    private volatile boolean closed;
    private long seq;

    private BaselineBroadcaster(int maxQueued) throws IOException {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
        current = frame("processing");
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            loops.add(new BaselineLoop("baseline-loop-" + i, maxQueued, () -> current.duplicate()));
        }
        Thread.ofPlatform().name("baseline-acceptor").daemon().start(this::accept);
    }

    private void accept() {
        try {
            for (int i = 0; !closed; i++) {
                loops.get(i % loops.size()).adopt(server.accept());
            }
        } catch (IOException e) {
            if (!closed) {
                throw new IllegalStateException("baseline broadcaster stopped accepting", e);
            }
        }
    }

    static BaselineBroadcaster start(int maxQueued) throws IOException {
        return new BaselineBroadcaster(maxQueued);
    }

    /**
     * Entry point of the broadcaster as a benchmark's child process: {@code BaselineBroadcaster EVENTS
     * INTERVAL_MS MAX_QUEUED}. Prints its URL like {@link BenchServerMain}; a {@code go} line on standard
     * input starts the events; it exits when standard input closes.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: BaselineBroadcaster EVENTS INTERVAL_MS MAX_QUEUED");
            System.exit(2);
        }
        int events = Integer.parseInt(args[0]);
        long interval = Long.parseLong(args[1]);
        try (BaselineBroadcaster b = start(Integer.parseInt(args[2]))) {
            System.out.println("baseline broadcaster listening on " + b.baseUrl() + " node baseline pid "
                    + ProcessHandle.current().pid());
            System.out.flush();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("go ")) {
                    Thread.ofPlatform().start(() -> {
                        try {
                            b.emit(events, interval);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                }
            }
        }
        System.exit(0);
    }

    URI baseUrl() throws IOException {
        InetSocketAddress a = (InetSocketAddress) server.getLocalAddress();
        return URI.create("http://127.0.0.1:" + a.getPort());
    }

    /** Any id: the broadcaster serves its one stream whatever the path. */
    UUID taskId() {
        return taskId;
    }

    /** The seq of the frame a client gets on connect (the "current state"). */
    long currentSeq() {
        return 1;
    }

    /**
     * Emits {@code events} progress events on a fixed schedule of one per {@code intervalMs}, then
     * {@code completed}, and ends every stream; as {@code bench_steps} does, on the calling thread.
     */
    void emit(int events, long intervalMs) throws InterruptedException {
        Pacer pacer = new Pacer(intervalMs);
        for (int i = 1; i <= events; i++) {
            pacer.awaitNext();
            broadcast(frame("step " + i + " of " + events));
        }
        broadcast(frame(null));
        loops.forEach(l -> l.broadcast(BaselineLoop.END));
    }

    /**
     * One baseline run: {@code watchers} clients (the benchmarks' own {@link Watchers}) connect, then
     * {@code events} progress events and {@code completed} are broadcast {@code intervalMs} apart.
     */
    static Deliveries measure(int watchers, int events, long intervalMs, int parallel, int readBuffer,
            int maxQueued, long timeoutMillis) throws Exception {
        try (BaselineBroadcaster b = start(maxQueued);
                Watchers w = Watchers.start(b.baseUrl(), b.taskId(), watchers, parallel, readBuffer)) {
            w.awaitConnected(timeoutMillis);
            b.emit(events, intervalMs);
            w.awaitDone(timeoutMillis);
            long last = b.currentSeq() + events + 1;
            return Deliveries.of(w, b.currentSeq(), last, seq -> b.commitNanos.get(seq));
        }
    }

    /** One progress (or, with a null message, completed) event, encoded once as an HTTP chunk. */
    private ByteBuffer frame(String message) {
        long s = ++seq;
        Instant now = Instant.now();
        boolean done = message == null;
        ProgressEvent p = new ProgressEvent(taskId, BenchHandlers.STEPS, done ? TaskStatus.COMPLETED
                : TaskStatus.PROCESSING, done ? 100 : (int) Math.min(99, s), done ? "done" : message, null, null, now);
        String json;
        try {
            json = Json.mapper().writeValueAsString(p);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        byte[] sse = new SseFrame(new TaskEvent(taskId, null, s, done ? "completed" : "progress", json, now)).withId();
        byte[] size = (Integer.toHexString(sse.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocateDirect(size.length + sse.length + 2);
        b.put(size).put(sse).put((byte) '\r').put((byte) '\n').flip();
        return b;
    }

    private void broadcast(ByteBuffer frame) {
        commitNanos.put(seq, System.nanoTime());
        current = frame;
        loops.forEach(l -> l.broadcast(frame));
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (BaselineLoop l : loops) {
            l.close();
        }
    }
}
