package dev.taskstream.shared.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** Payload of the {@code progress} stream event. */
public record ProgressEvent(
        UUID id,
        String name,
        TaskStatus status,
        int progress,
        String message,
        JsonNode result,
        String error,
        Instant updatedAt) {

    public static ProgressEvent of(TaskView t) {
        return new ProgressEvent(t.id(), t.name(), t.status(), t.progress(), t.message(), t.result(), t.error(),
                t.updatedAt());
    }
}
