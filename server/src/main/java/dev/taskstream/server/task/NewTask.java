package dev.taskstream.server.task;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A task to enqueue. {@code exclusiveKey}, when not null, allows only one active (pending or
 * processing) task with that key at a time.
 */
public record NewTask(String name, String projectId, JsonNode params, String exclusiveKey, int attempt,
        java.util.UUID retryOf) {

    public static NewTask of(String name, String projectId, JsonNode params) {
        return new NewTask(name, projectId, params, null, 1, null);
    }

    public NewTask exclusive(String key) {
        return new NewTask(name, projectId, params, key, attempt, retryOf);
    }
}
