package dev.taskstream.server.stream;

import dev.taskstream.server.metrics.Metrics;
import io.javalin.http.Context;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The response side of one SSE stream: headers, frames, heartbeats, each flushed at once. */
final class SseConnection {
    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;
    private final Metrics metrics;
    private final EndPoint endPoint;

    private SseConnection(OutputStream out, Metrics metrics, EndPoint endPoint) {
        this.out = out;
        this.metrics = metrics;
        this.endPoint = endPoint;
    }

    /** Sends the headers and the {@code retry:} line; from here on the response is a stream. */
    static SseConnection open(Context ctx, long retryMillis, Metrics metrics) throws IOException {
        ctx.status(200);
        var res = ctx.res();
        res.setContentType("text/event-stream; charset=utf-8");
        res.setHeader("Cache-Control", "no-store");
        res.setHeader("X-Accel-Buffering", "no");
        OutputStream out = res.getOutputStream();
        ServletContextRequest jettyRequest = ServletContextRequest.getServletContextRequest(ctx.req());
        EndPoint endPoint = jettyRequest == null ? null
                : jettyRequest.getConnectionMetaData().getConnection().getEndPoint();
        SseConnection c = new SseConnection(out, metrics, endPoint);
        c.writeRaw(("retry: " + retryMillis + "\n\n").getBytes(StandardCharsets.UTF_8));
        return c;
    }

    /**
     * Closes the socket under the stream: a writer blocked on a client that stopped reading fails at
     * once instead of waiting for the idle timeout. Safe from any thread.
     */
    void abort() {
        if (endPoint != null) {
            endPoint.close();
        }
    }

    void send(byte[] frame) throws IOException {
        writeRaw(frame);
        metrics.eventsSent(1);
    }

    /** Writes without flushing; the caller flushes once after a burst. */
    void write(byte[] frame) throws IOException {
        out.write(frame);
        metrics.eventsSent(1);
    }

    void flush() throws IOException {
        out.flush();
    }

    void ping() throws IOException {
        writeRaw(PING);
    }

    void comment(String text) throws IOException {
        writeRaw((": " + text.replace('\n', ' ') + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    private void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }
}
