package dev.taskstream.server.stream;

import dev.taskstream.server.metrics.Metrics;
import dev.taskstream.server.task.TaskEvent;
import dev.taskstream.server.task.TaskStorage;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live part of one stream, after its setup: each task's events in order and without duplicates
 * (an event may reach the bus ahead of an earlier one; the gap is filled from the event log). A task
 * stream carries ids and ends after the terminal event; the all-tasks stream does neither.
 *
 * <p>No thread waits for the client. When the bus offers a frame, the stream schedules one write on
 * a {@link StreamWriters} thread unless a write is already scheduled or pending ({@link #scheduled}
 * is true from then until the stream is idle again); that write takes every frame waiting, so a
 * client that fell behind catches up in one write, and when it completes the next one is scheduled
 * if more is waiting. At most one write is pending per stream, and one thread at a time runs
 * {@link #drain}, so the fields below need no lock.
 */
final class SseStream implements Callback {
    private static final Logger log = LoggerFactory.getLogger(SseStream.class);
    /** A client far behind gets its backlog in writes of about this size. */
    private static final int MAX_WRITE_BYTES = 64 * 1024;
    private static final ByteBuffer PING = ByteBuffer.allocateDirect(SseConnection.PING.length)
            .put(SseConnection.PING).flip();

    private final SseConnection conn;
    private final Subscriber sub;
    private final Map<UUID, Long> sent;
    private final boolean taskStream;
    private final TaskStorage events;
    private final Metrics metrics;
    private final StreamWriters writers;
    private final StreamWriters.Loop loop;
    private final Runnable release;
    /** True while a write is scheduled, running or pending; set before the stream goes live. */
    private final AtomicBoolean scheduled = new AtomicBoolean(true);
    private final AtomicBoolean finished = new AtomicBoolean();
    /** Handed to Javalin ({@code ctx.future}) so that it leaves the response open; never completed. */
    private final CompletableFuture<Void> keepOpen = new CompletableFuture<>();
    /** A frame after a gap, held while the event log is read (off the writer threads). */
    private SseFrame held;
    /** The stream ends once the pending write is out (terminal event, or a goodbye comment). */
    private boolean endAfterWrite;
    private volatile boolean pingDue;
    private volatile long lastWriteNanos = System.nanoTime();
    private volatile AsyncContext async;

    /** {@code release}: runs once when the stream ends (unsubscribe, counters, limits). */
    SseStream(SseConnection conn, Subscriber sub, Map<UUID, Long> sent, boolean taskStream, TaskStorage events,
            Metrics metrics, StreamWriters writers, Runnable release) {
        this.conn = conn;
        this.sub = sub;
        this.sent = sent;
        this.taskStream = taskStream;
        this.events = events;
        this.metrics = metrics;
        this.writers = writers;
        this.loop = writers.assign();
        this.release = release;
        sub.onReady(this::wake);
    }

    /**
     * Hands the stream to the writers; the future returned keeps Javalin from completing the
     * response (the stream completes it, see {@link #end}). Called once the request is asynchronous
     * ({@code ctx.future}).
     */
    CompletableFuture<Void> goLive(AsyncContext async) {
        async.setTimeout(0); // a stream has no deadline; heartbeats keep the connection in use
        this.async = async;
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                end(false); // Jetty completed the response itself
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                end(true);
            }

            @Override
            public void onError(AsyncEvent event) {
                end(true);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        writers.opened(this);
        conn.watchForClose(this::clientLeft);
        loop.submit(this); // whatever arrived during the setup
        return keepOpen;
    }

    long lastWriteNanos() {
        return lastWriteNanos;
    }

    /** From the heartbeat timer: nothing was written for a heartbeat. */
    void ping() {
        pingDue = true;
        wake();
    }

    /** From the bus (a frame offered, or the stream must stop): schedules a write unless one is on its way. */
    private void wake() {
        if (!finished.get() && scheduled.compareAndSet(false, true)) {
            loop.submit(this);
        }
    }

    /** On this stream's writer loop. */
    void drain() {
        drain(false);
    }

    /** Writes what is waiting; {@code mayBlock}: on a virtual thread, free to read the event log. */
    private void drain(boolean mayBlock) {
        if (finished.get()) {
            return;
        }
        try {
            if (sub.overflowed() || sub.shutdown()) {
                sayGoodbye();
                return;
            }
            List<ByteBuffer> out = new ArrayList<>();
            int bytes = 0;
            boolean last = false;
            for (SseFrame f = next(); f != null; f = bytes < MAX_WRITE_BYTES && !last ? next() : null) {
                if (f.isStreamError()) {
                    bytes += add(out, ByteBuffer.wrap(f.withoutId()));
                    continue;
                }
                long seen = sent.getOrDefault(f.taskId(), 0L);
                if (f.seq() <= seen) {
                    continue; // already sent (replay overlap or a duplicate from another node)
                }
                if (f.seq() == seen + 1) { // the usual case: no gap, nothing to read
                    bytes += add(out, frameBytes(f));
                    last = isLast(f);
                    continue;
                }
                if (!mayBlock) { // a gap: read the log on a virtual thread, after writing what came before
                    held = f;
                    if (out.isEmpty()) {
                        Thread.startVirtualThread(() -> drain(true));
                        return;
                    }
                    break;
                }
                for (TaskEvent e : events.eventsAfter(f.taskId(), seen)) {
                    SseFrame filled = new SseFrame(e);
                    bytes += add(out, frameBytes(filled));
                    if (last = isLast(filled)) {
                        break;
                    }
                }
            }
            int frames = out.size();
            if (frames == 0 && pingDue) {
                out.add(PING.duplicate());
            }
            pingDue = false; // a frame written now is as good as a ping
            if (out.isEmpty()) {
                idle();
                return;
            }
            metrics.eventsSent(frames);
            write(join(out, bytes), last);
        } catch (RuntimeException e) {
            log.warn("stream writer failed; closing the stream", e);
            conn.abort();
            end(true);
        }
    }

    private SseFrame next() {
        SseFrame f = held;
        if (f != null) {
            held = null;
            return f;
        }
        return sub.poll();
    }

    private ByteBuffer frameBytes(SseFrame f) {
        sent.put(f.taskId(), f.seq());
        return taskStream ? f.withIdBuffer() : ByteBuffer.wrap(f.withoutId());
    }

    private boolean isLast(SseFrame f) {
        return taskStream && f.isTerminal();
    }

    private static int add(List<ByteBuffer> out, ByteBuffer b) {
        out.add(b);
        return b.remaining();
    }

    /** One buffer per write: Jetty's response takes one. A single frame is written from its shared bytes. */
    private static ByteBuffer join(List<ByteBuffer> out, int bytes) {
        if (out.size() == 1) {
            return out.getFirst();
        }
        ByteBuffer all = ByteBuffer.allocate(bytes);
        out.forEach(all::put);
        return all.flip();
    }

    /** The stream must stop: tell the client why in a comment, then end. */
    private void sayGoodbye() {
        String why = sub.overflowed() ? "disconnected: this client could not keep up; reconnect to resume"
                : "server shutting down; reconnect to resume";
        write(ByteBuffer.wrap((": " + why + "\n\n").getBytes(StandardCharsets.UTF_8)), true);
    }

    private void write(ByteBuffer bytes, boolean thenEnd) {
        endAfterWrite = thenEnd;
        conn.write(bytes, this);
    }

    /** The pending write is out (possibly on a Jetty thread): end, go on, or go idle. */
    @Override
    public void succeeded() {
        lastWriteNanos = System.nanoTime();
        if (endAfterWrite) {
            end(true);
        } else if (held != null || pingDue || sub.needsWriter()) {
            loop.submit(this);
        } else {
            idle();
        }
    }

    /** The client went away (or was cut off for falling behind). */
    @Override
    public void failed(Throwable x) {
        log.debug("stream client went away: {}", x.toString());
        end(true);
    }

    /** The client closed or reset its connection: the stream ends now, and its slot is free. */
    private void clientLeft() {
        if (!finished.get()) {
            log.debug("stream client closed its connection");
            conn.abort();
            end(true);
        }
    }

    /** Only schedules or ends, so Jetty may call it from its selector thread. */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    private void idle() {
        scheduled.set(false);
        // An offer between the last poll and the line above saw "scheduled" and left it to us.
        if (pingDue || sub.needsWriter()) {
            wake();
        }
    }

    /**
     * Ends the stream once; {@code complete}: complete the response here (after the last frame, or
     * when the client went away). The future handed to Javalin is never completed: Jetty may recycle
     * a failed request at any moment, and Javalin 7 resumed on a recycled request loops on the
     * exceptions of its own error handling. Its resumption would only close the output and complete
     * the response, which this does (the app has no after-handlers or request logger).
     */
    private void end(boolean complete) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        writers.closed(this);
        release.run();
        if (complete) {
            try {
                async.complete();
            } catch (IllegalStateException e) {
                log.debug("stream response already completed: {}", e.toString());
            }
        }
    }
}
