package dev.taskstream.server.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import dev.taskstream.shared.json.Json;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of the {@code tasks} table, as {@link TaskDao} reads and writes it (components in column
 * order; read by {@link TaskColumns.TaskRowMapper}). A state change edits a {@link TaskDraft}.
 * {@code params} is null in rows read for views and state changes: only a claim reads them.
 */
public record TaskRow(UUID id, String name, String projectId, TaskStatus status, int progress, String message,
        String params, String result, String error, Instant createdAt, Instant startedAt, Instant completedAt,
        Instant updatedAt, String workerId, int attempt, UUID retryOf, Instant leaseUntil, boolean cancelRequested,
        long lastSeq, String exclusiveKey, UUID retriedBy) {

    TaskView toView() {
        return new TaskView(id, name, projectId, status, progress, message, parseJson(result), error, createdAt,
                startedAt, completedAt, updatedAt, workerId, attempt, retryOf, retriedBy);
    }

    JsonNode paramsJson() {
        JsonNode node = parseJson(params);
        return node == null ? Json.mapper().createObjectNode() : node;
    }

    TaskDraft edit() {
        return new TaskDraft(this);
    }

    /** The message of a task a worker just claimed. */
    static final String STARTED = "Started";

    /** This pending row as {@code workerId} claims it (what {@link PostgresTaskDao}'s claim sets in SQL). */
    TaskRow startedBy(String workerId, Instant leaseUntil, Instant now) {
        TaskDraft t = edit();
        t.status = TaskStatus.PROCESSING;
        t.workerId = workerId;
        t.leaseUntil = leaseUntil;
        t.startedAt = now;
        t.progress = 0;
        t.message = STARTED;
        t.lastSeq++;
        t.updatedAt = now;
        return t.toRow();
    }

    private static JsonNode parseJson(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON stored in task row", e);
        }
    }
}
