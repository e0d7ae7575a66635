package dev.taskstream.server.stream;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.ee10.servlet.ServletContextResponse;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * The response side of one SSE stream: headers, then frames written straight to Jetty's core
 * response ({@link Response#write}), the sink under the servlet output stream. While the stream is
 * being set up (replay, snapshot) the request's thread waits for each write; once live, writes are
 * asynchronous: no thread waits for a client, and a client's waiting frames go out in one write.
 */
final class SseConnection {
    static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.UTF_8);

    private final Response response;
    private final EndPoint endPoint;

    private SseConnection(Response response, EndPoint endPoint) {
        this.response = response;
        this.endPoint = endPoint;
    }

    /** Sends the headers and the {@code retry:} line; from here on the response is a stream. */
    static SseConnection open(Context ctx, long retryMillis) throws IOException {
        ctx.status(200);
        var res = ctx.res();
        res.setContentType("text/event-stream; charset=utf-8");
        res.setHeader("Cache-Control", "no-store");
        res.setHeader("X-Accel-Buffering", "no");
        // The connection ends with the stream: while it is live we read the socket to see the client leave (see
        // watchForClose), and Jetty may then not read its next request.
        res.setHeader("Connection", "close");
        ServletContextRequest jettyRequest = ServletContextRequest.getServletContextRequest(ctx.req());
        Response response = ServletContextResponse.getServletContextResponse(res);
        if (jettyRequest == null || response == null) {
            throw new IllegalStateException("SSE streams need Jetty's servlet request and response");
        }
        EndPoint endPoint = jettyRequest.getConnectionMetaData().getConnection().getEndPoint();
        SseConnection c = new SseConnection(response, endPoint);
        c.writeNow(("retry: " + retryMillis + "\n\n").getBytes(StandardCharsets.UTF_8));
        return c;
    }

    /**
     * Closes the socket under the stream: a write pending on a client that stopped reading fails at
     * once instead of waiting for the idle timeout. Safe from any thread.
     */
    void abort() {
        endPoint.close();
    }

    /**
     * Calls {@code gone} (once, possibly on Jetty's selector thread) when the client closes or resets the
     * connection, so that its stream and its slot are freed at once instead of at the next write that fails (which
     * after a clean close is the second write, two heartbeats later). Jetty does not read a connection while its
     * request is being handled, so the stream reads it: the end of input means the client is gone. Bytes a client
     * sends on a stream's connection are dropped (it gets no further answer on it: the connection closes with the
     * stream). Call once, when the stream is live.
     */
    void watchForClose(Runnable gone) {
        endPoint.tryFillInterested(new Callback() {
            @Override
            public void succeeded() {
                ByteBuffer sink = BufferUtil.allocate(256); // Jetty's fill appends after the limit: empty is limit 0
                try {
                    for (int n = endPoint.fill(sink); n != 0; n = endPoint.fill(sink)) {
                        if (n < 0) {
                            gone.run();
                            return;
                        }
                        BufferUtil.clear(sink);
                    }
                } catch (IOException | RuntimeException e) {
                    gone.run();
                    return;
                }
                endPoint.tryFillInterested(this);
            }

            @Override
            public void failed(Throwable x) {
                gone.run(); // the connection failed or closed
            }

            @Override
            public InvocationType getInvocationType() {
                return InvocationType.NON_BLOCKING;
            }
        });
    }

    /** Writes and waits until the bytes are out (setup phase, on the request's virtual thread). */
    void writeNow(byte[] bytes) throws IOException {
        try (Blocker.Callback done = Blocker.callback()) {
            write(ByteBuffer.wrap(bytes), done);
            done.block();
        }
    }

    /**
     * Starts writing {@code bytes}; {@code done} is told when they are out or the client is gone.
     * At most one write may be pending per connection (the caller's {@link SseStream} sees to it).
     */
    void write(ByteBuffer bytes, Callback done) {
        try {
            response.write(false, bytes, done);
        } catch (RuntimeException e) {
            // The exchange already ended (e.g. the connection failed and Jetty recycled the response).
            done.failed(e);
        }
    }
}
