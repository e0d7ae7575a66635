package dev.taskstream.shared.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.shared.api.ProgressEvent;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import dev.taskstream.shared.tracking.TrackedTask.Connection;
import java.time.Instant;
import java.util.UUID;

/**
 * The mutable state behind a {@link TaskTracker}'s snapshots, merging stream events and REST reads: a terminal state
 * is final, and start/end times are filled in from the server when it has them, else from the local clock.
 * Not thread-safe: the tracker guards it with its lock.
 */
final class TaskState {
    final UUID id;
    String name;
    TaskStatus status;
    int progress;
    String message;
    JsonNode result;
    String error;
    Instant startedAt;
    Instant completedAt;
    Connection connection = Connection.CONNECTING;
    String connectionDetail;
    String notice;
    boolean cancelRequested;
    boolean notFound;

    TaskState(UUID id) {
        this.id = id;
    }

    boolean isTerminal() {
        return status != null && status.isTerminal();
    }

    void apply(ProgressEvent p, Instant now) {
        if (isTerminal()) {
            return; // terminal is final
        }
        if (p.name() != null) {
            name = p.name();
        }
        status = p.status();
        progress = p.progress();
        message = p.message();
        result = p.result();
        error = p.error();
        if (startedAt == null && status != TaskStatus.PENDING) {
            startedAt = now; // the stream does not carry started_at; the first sign of work is close enough
        }
        if (status.isTerminal() && completedAt == null) {
            completedAt = p.updatedAt() != null ? p.updatedAt() : now;
        }
    }

    void apply(TaskView t, Instant now) {
        if (isTerminal() && !t.status().isTerminal()) {
            return;
        }
        name = t.name();
        status = t.status();
        progress = t.progress();
        message = t.message();
        result = t.result();
        error = t.error();
        if (t.startedAt() != null) {
            startedAt = t.startedAt();
        } else if (startedAt == null && status != TaskStatus.PENDING) {
            startedAt = now;
        }
        if (status.isTerminal()) {
            completedAt = t.completedAt() != null ? t.completedAt() : now;
            if (startedAt == null) {
                startedAt = completedAt;
            }
        }
    }

    void connection(Connection c, String detail) {
        connection = c;
        connectionDetail = detail;
    }

    void notFound() {
        notFound = true;
        error = "The server does not know task " + id;
        connection(Connection.ENDED, "No such task");
    }

    TrackedTask snapshot() {
        return new TrackedTask(id, name, status, progress, message, result, error, startedAt, completedAt, connection,
                connectionDetail, notice, cancelRequested, notFound);
    }
}
