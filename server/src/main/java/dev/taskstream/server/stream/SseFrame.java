package dev.taskstream.server.stream;

import dev.taskstream.server.task.TaskEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One event as SSE bytes, serialized once however many clients receive it. Per-task streams carry
 * {@code id: seq}; the all-tasks stream does not (a per-task seq means nothing across tasks).
 */
public final class SseFrame {
    private final TaskEvent event;
    /**
     * Encoded up front, in the thread that creates the frame (the bus, after the commit): encoded
     * lazily, a thousand writers woken by the same event each encoded it before the first stored it.
     */
    private volatile byte[] withId;
    private volatile byte[] withoutId;
    /**
     * {@link #withId} copied into native memory, shared read-only by every task stream's write (a
     * heap buffer would be copied into a temporary native one by each socket write). Made on first
     * use: the bus does it for live frames before it offers them; replayed frames never need it.
     */
    private volatile ByteBuffer withIdDirect;

    public SseFrame(TaskEvent event) {
        this.event = event;
        this.withId = event == null ? null : encode(true);
    }

    /** A stream-level {@code error} event for every client: no id, it is not part of any task's log. */
    public static SseFrame streamError(String error, String detail) {
        String json;
        try {
            json = dev.taskstream.shared.json.Json.mapper()
                    .writeValueAsString(new dev.taskstream.shared.api.ErrorBody(error, detail));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        SseFrame frame = new SseFrame(null);
        byte[] bytes = ("event: " + dev.taskstream.shared.api.StreamEvents.ERROR + "\ndata: " + json + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
        frame.withId = bytes;
        frame.withoutId = bytes;
        return frame;
    }

    public boolean isStreamError() {
        return event == null && withoutId != null;
    }

    public TaskEvent event() {
        return event;
    }

    public UUID taskId() {
        return event.taskId();
    }

    public long seq() {
        return event.seq();
    }

    public boolean isTerminal() {
        return dev.taskstream.shared.api.StreamEvents.isTerminal(event.name());
    }

    public byte[] withId() {
        return withId;
    }

    /** {@link #withId()} as a buffer of its own over the shared native bytes (position and limit are the caller's). */
    public ByteBuffer withIdBuffer() {
        ByteBuffer b = withIdDirect;
        if (b == null) {
            b = ByteBuffer.allocateDirect(withId.length).put(withId).flip();
            withIdDirect = b;
        }
        return b.asReadOnlyBuffer();
    }

    /** For the all-tasks stream; encoded by the first of its writers (they are few). */
    public byte[] withoutId() {
        byte[] b = withoutId;
        if (b == null) {
            b = encode(false);
            withoutId = b;
        }
        return b;
    }

    private byte[] encode(boolean includeId) {
        // The payload is single-line JSON (Jackson escapes newlines), so one data: line suffices.
        String text = (includeId ? "id: " + event.seq() + "\n" : "") + "event: " + event.name() + "\ndata: "
                + event.payload() + "\n\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
