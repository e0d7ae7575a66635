package dev.taskstream.server.stream;

import dev.taskstream.server.task.TaskEvent;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One event as SSE bytes, serialized once however many clients receive it. Per-task streams carry
 * {@code id: seq}; the all-tasks stream does not (a per-task seq means nothing across tasks).
 */
public final class SseFrame {
    private final TaskEvent event;
    private volatile byte[] withId;
    private volatile byte[] withoutId;

    public SseFrame(TaskEvent event) {
        this.event = event;
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
        byte[] b = withId;
        if (b == null) {
            b = encode(true);
            withId = b;
        }
        return b;
    }

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
