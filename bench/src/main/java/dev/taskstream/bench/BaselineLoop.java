package dev.taskstream.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * One selector thread of the {@link BaselineBroadcaster} and the clients it owns: it reads their
 * request heads, then writes every frame waiting for a client in one gathering write, without
 * blocking. What a socket does not take waits in the client's queue; a client with more than
 * {@code maxQueued} frames waiting is dropped.
 */
final class BaselineLoop {
    private static final byte[] HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
            + "Cache-Control: no-store\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    /** The end of the chunked body; after it the client is closed. */
    static final ByteBuffer END = ByteBuffer.allocateDirect(5).put("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
            .flip();

    /** One connected client: its request bytes until the head is complete, then what waits to be written. */
    private static final class Client {
        final SocketChannel channel;
        final ByteBuffer request = ByteBuffer.allocate(1024);
        final ArrayDeque<ByteBuffer> queued = new ArrayDeque<>();
        SelectionKey key;
        boolean streaming;
        boolean closeWhenDrained;

        Client(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private final Selector selector;
    private final int maxQueued;
    private final Supplier<ByteBuffer> current;
    private final List<Client> streaming = new ArrayList<>();
    private final ConcurrentLinkedQueue<SocketChannel> arrivals = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ByteBuffer> outbox = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    /** {@code current}: the frame a client gets as soon as its request is read. */
    BaselineLoop(String name, int maxQueued, Supplier<ByteBuffer> current) throws IOException {
        this.selector = Selector.open();
        this.maxQueued = maxQueued;
        this.current = current;
        this.thread = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    void adopt(SocketChannel channel) {
        arrivals.add(channel);
        selector.wakeup();
    }

    void broadcast(ByteBuffer frame) {
        outbox.add(frame);
        selector.wakeup();
    }

    private void run() {
        List<ByteBuffer> batch = new ArrayList<>();
        try {
            while (!closed) {
                selector.select();
                for (SocketChannel ch = arrivals.poll(); ch != null; ch = arrivals.poll()) {
                    Client c = new Client(ch);
                    ch.configureBlocking(false);
                    ch.socket().setTcpNoDelay(true);
                    c.key = ch.register(selector, SelectionKey.OP_READ, c);
                }
                for (ByteBuffer f = outbox.poll(); f != null; f = outbox.poll()) {
                    batch.add(f);
                }
                if (!batch.isEmpty()) {
                    sendToAll(batch);
                    batch.clear();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Client c = (Client) key.attachment();
                    if (key.isValid() && key.isReadable()) {
                        readRequest(c);
                    } else if (key.isValid() && key.isWritable()) {
                        drain(c);
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

    /** Reads the request head; once complete, the client gets the SSE head and the current frame. */
    private void readRequest(Client c) {
        try {
            if (c.channel.read(c.request) < 0 || !c.request.hasRemaining()) {
                close(c);
                return;
            }
        } catch (IOException e) {
            close(c);
            return;
        }
        String seen = new String(c.request.array(), 0, c.request.position(), StandardCharsets.US_ASCII);
        if (c.streaming || !seen.contains("\r\n\r\n")) {
            return;
        }
        c.streaming = true;
        c.key.interestOps(0);
        streaming.add(c);
        send(c, List.of(ByteBuffer.wrap(HEAD), current.get()));
    }

    private void sendToAll(List<ByteBuffer> frames) {
        boolean end = frames.getLast() == END;
        for (int i = streaming.size() - 1; i >= 0; i--) {
            Client c = streaming.get(i);
            send(c, frames);
            if (end && c.channel.isOpen()) {
                c.closeWhenDrained = true;
                if (c.queued.isEmpty()) {
                    close(c);
                }
            }
        }
    }

    /** One gathering write of everything for {@code c}; the rest waits (or drops a client too far behind). */
    private void send(Client c, List<ByteBuffer> frames) {
        if (c.queued.size() + frames.size() > maxQueued) {
            close(c);
            return;
        }
        for (ByteBuffer f : frames) {
            c.queued.add(f.duplicate());
        }
        if (c.queued.size() == frames.size()) {
            drain(c);
        }
    }

    private void drain(Client c) {
        try {
            ByteBuffer[] pending = c.queued.toArray(ByteBuffer[]::new);
            c.channel.write(pending);
            while (!c.queued.isEmpty() && !c.queued.peek().hasRemaining()) {
                c.queued.poll();
            }
        } catch (IOException e) {
            close(c);
            return;
        }
        if (!c.queued.isEmpty()) {
            c.key.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        c.key.interestOps(0);
        if (c.closeWhenDrained) {
            close(c);
        }
    }

    private void close(Client c) {
        streaming.remove(c);
        if (c.key != null) {
            c.key.cancel();
        }
        try {
            c.channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    void close() throws IOException {
        closed = true;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey k : selector.keys()) {
            k.channel().close();
        }
        selector.close();
    }
}
