package dev.taskstream.server.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import dev.taskstream.shared.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One row of the {@code tasks} table. Mutable on purpose: a state change loads the row, edits the
 * fields that change and saves it together with its event (see {@link TaskStore#transition}).
 */
final class TaskRow {
    UUID id;
    String name;
    String projectId;
    TaskStatus status;
    int progress;
    String message;
    String params;
    String result;
    String error;
    Instant createdAt;
    Instant startedAt;
    Instant completedAt;
    Instant updatedAt;
    String workerId;
    int attempt;
    UUID retryOf;
    Instant leaseUntil;
    boolean cancelRequested;
    long lastSeq;
    String exclusiveKey;

    static TaskRow map(ResultSet rs) throws SQLException {
        TaskRow t = new TaskRow();
        t.id = rs.getObject("id", UUID.class);
        t.name = rs.getString("name");
        t.projectId = rs.getString("project_id");
        t.status = TaskStatus.fromWire(rs.getString("status"));
        t.progress = rs.getInt("progress");
        t.message = rs.getString("message");
        t.params = rs.getString("params");
        t.result = rs.getString("result");
        t.error = rs.getString("error");
        t.createdAt = instant(rs, "created_at");
        t.startedAt = instant(rs, "started_at");
        t.completedAt = instant(rs, "completed_at");
        t.updatedAt = instant(rs, "updated_at");
        t.workerId = rs.getString("worker_id");
        t.attempt = rs.getInt("attempt");
        t.retryOf = rs.getObject("retry_of", UUID.class);
        t.leaseUntil = instant(rs, "lease_until");
        t.cancelRequested = rs.getBoolean("cancel_requested");
        t.lastSeq = rs.getLong("last_seq");
        t.exclusiveKey = rs.getString("exclusive_key");
        return t;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    TaskView toView() {
        return new TaskView(id, name, projectId, status, progress, message, parseJson(result), error, createdAt,
                startedAt, completedAt, updatedAt, workerId, attempt);
    }

    JsonNode paramsJson() {
        JsonNode node = parseJson(params);
        return node == null ? Json.mapper().createObjectNode() : node;
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
