package dev.taskstream.server.bench;

import dev.taskstream.server.stream.SseFrame;
import dev.taskstream.server.task.TaskEvent;
import dev.taskstream.shared.api.ProgressEvent;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The limit Taskstream's fan-out is compared with: a bare NIO broadcaster, one selector thread, no
 * database, no framework. It answers any GET with the same SSE head and chunked frames Taskstream
 * sends (an event encoded once into one shared direct buffer), then writes each broadcast frame to
 * every socket without blocking; what a socket does not take waits in that client's queue, and a
 * client with more than {@code maxQueued} waiting frames is dropped, as Taskstream drops it.
 */
final class BaselineBroadcaster implements AutoCloseable {
    static final String DESCRIPTION = "bare NIO broadcaster in the bench JVM (one selector thread, each event "
            + "encoded once into a shared direct buffer, non-blocking writes, no database)";
    private static final byte[] HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
            + "Cache-Control: no-store\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final ByteBuffer END = ByteBuffer.allocateDirect(5).put("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
            .flip();

    /** One connected client: its request bytes until the head is complete, then what waits to be written. */
    private static final class Client {
        final SocketChannel channel;
        final ByteBuffer request = ByteBuffer.allocate(1024);
        final ArrayDeque<ByteBuffer> queued = new ArrayDeque<>();
        boolean streaming;
        boolean closeWhenDrained;

        Client(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private final UUID taskId = UUID.randomUUID();
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread loop;
    private final int maxQueued;
    private final List<Client> streaming = new ArrayList<>();
    /** Frames handed over by {@link #broadcast}; null marks the end of the stream. */
    private final ConcurrentLinkedQueue<ByteBuffer> outbox = new ConcurrentLinkedQueue<>();
    /** When each seq was handed to the broadcaster ({@code System.nanoTime()}): its "commit". */
    final Map<Long, Long> commitNanos = new ConcurrentHashMap<>();
    private volatile ByteBuffer current;
    private volatile boolean closed;
    private long seq;

    private BaselineBroadcaster(int maxQueued) throws IOException {
        this.maxQueued = maxQueued;
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
        server.configureBlocking(false);
        selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
        current = frame("processing");
        loop = Thread.ofPlatform().name("baseline-broadcaster").daemon().start(this::run);
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
     * Emits {@code events} progress events {@code intervalMs} apart, then {@code completed}, and ends
     * every stream; as {@code bench_steps} does, on the calling thread.
     */
    void emit(int events, long intervalMs) throws InterruptedException {
        for (int i = 1; i <= events; i++) {
            if (intervalMs > 0) {
                Thread.sleep(intervalMs);
            }
            broadcast(frame("step " + i + " of " + events));
        }
        broadcast(frame(null));
        outbox.add(END);
        selector.wakeup();
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
        outbox.add(frame);
        selector.wakeup();
    }

    private void run() {
        try {
            while (!closed) {
                selector.select();
                for (ByteBuffer f = outbox.poll(); f != null; f = outbox.poll()) {
                    if (f != END) {
                        current = f;
                    }
                    sendToAll(f);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else if (key.isReadable()) {
                        readRequest(key);
                    } else if (key.isWritable()) {
                        drain(key, (Client) key.attachment());
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            if (!closed) {
                throw new IllegalStateException("baseline broadcaster failed", e);
            }
        }
    }

    private void accept() throws IOException {
        for (SocketChannel ch = server.accept(); ch != null; ch = server.accept()) {
            ch.configureBlocking(false);
            ch.socket().setTcpNoDelay(true);
            ch.register(selector, SelectionKey.OP_READ, new Client(ch));
        }
    }

    /** Reads the request head; once complete, the client gets the SSE head and the current frame. */
    private void readRequest(SelectionKey key) {
        Client c = (Client) key.attachment();
        try {
            if (c.channel.read(c.request) < 0 || !c.request.hasRemaining()) {
                close(key, c);
                return;
            }
        } catch (IOException e) {
            close(key, c);
            return;
        }
        String seen = new String(c.request.array(), 0, c.request.position(), StandardCharsets.US_ASCII);
        if (!seen.contains("\r\n\r\n") || c.streaming) {
            return;
        }
        c.streaming = true;
        key.interestOps(0);
        streaming.add(c);
        send(key, c, ByteBuffer.wrap(HEAD));
        send(key, c, current.duplicate());
    }

    private void sendToAll(ByteBuffer frame) {
        boolean end = frame == END;
        for (int i = streaming.size() - 1; i >= 0; i--) {
            Client c = streaming.get(i);
            SelectionKey key = c.channel.keyFor(selector);
            send(key, c, frame.duplicate());
            if (end) {
                c.closeWhenDrained = true;
                if (c.queued.isEmpty()) {
                    close(key, c);
                }
            }
        }
    }

    /** Writes at once if nothing waits; else queues (and drops a client that fell too far behind). */
    private void send(SelectionKey key, Client c, ByteBuffer b) {
        if (!c.queued.isEmpty()) {
            if (c.queued.size() >= maxQueued) {
                close(key, c);
                return;
            }
            c.queued.add(b);
            return;
        }
        try {
            c.channel.write(b);
        } catch (IOException e) {
            close(key, c);
            return;
        }
        if (b.hasRemaining()) {
            c.queued.add(b);
            key.interestOps(SelectionKey.OP_WRITE);
        }
    }

    private void drain(SelectionKey key, Client c) {
        try {
            while (!c.queued.isEmpty()) {
                ByteBuffer b = c.queued.peek();
                c.channel.write(b);
                if (b.hasRemaining()) {
                    return;
                }
                c.queued.poll();
            }
        } catch (IOException e) {
            close(key, c);
            return;
        }
        key.interestOps(0);
        if (c.closeWhenDrained) {
            close(key, c);
        }
    }

    private void close(SelectionKey key, Client c) {
        streaming.remove(c);
        if (key != null) {
            key.cancel();
        }
        try {
            c.channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        selector.wakeup();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey k : selector.keys()) {
            k.channel().close();
        }
        selector.close();
        server.close();
    }
}
