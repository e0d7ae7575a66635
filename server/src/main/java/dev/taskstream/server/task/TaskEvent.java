package dev.taskstream.server.task;

import java.time.Instant;
import java.util.UUID;

/**
 * One committed entry of a task's event log: {@code seq} is the SSE {@code id}, {@code name} the
 * SSE {@code event} and {@code payload} the JSON of the {@code data} line, serialized once.
 */
public record TaskEvent(UUID taskId, String projectId, long seq, String name, String payload, Instant createdAt) {
}
