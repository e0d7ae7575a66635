package dev.taskstream.server.stream;

import dev.taskstream.server.metrics.Metrics;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The response side of one SSE stream: headers, frames, heartbeats, each flushed at once. */
final class SseConnection {
    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;
    private final Metrics metrics;

    private SseConnection(OutputStream out, Metrics metrics) {
        this.out = out;
        this.metrics = metrics;
    }

    /** Sends the headers and the {@code retry:} line; from here on the response is a stream. */
    static SseConnection open(Context ctx, long retryMillis, Metrics metrics) throws IOException {
        ctx.status(200);
        var res = ctx.res();
        res.setContentType("text/event-stream; charset=utf-8");
        res.setHeader("Cache-Control", "no-store");
        res.setHeader("X-Accel-Buffering", "no");
        OutputStream out = res.getOutputStream();
        SseConnection c = new SseConnection(out, metrics);
        c.writeRaw(("retry: " + retryMillis + "\n\n").getBytes(StandardCharsets.UTF_8));
        return c;
    }

    void send(byte[] frame) throws IOException {
        writeRaw(frame);
        metrics.eventsSent(1);
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
