package dev.taskstream.shared.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * The task as the REST API and the terminal stream events show it. {@code retryOf} and {@code retriedBy}
 * link the attempts of one job (null when there is none; servers before them send neither).
 */
public record TaskView(
        UUID id,
        String name,
        String projectId,
        TaskStatus status,
        int progress,
        String message,
        JsonNode result,
        String error,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        Instant updatedAt,
        String workerId,
        int attempt,
        UUID retryOf,
        UUID retriedBy) {
}
