package dev.taskstream.server.task;

import dev.taskstream.shared.api.TaskStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A locked {@link TaskRow} being changed: mutable on purpose, so that each named state change in
 * {@link TaskLifecycle} reads as the few fields it sets. Identity and creation fields stay fixed.
 */
final class TaskDraft {
    final UUID id;
    private final TaskRow original;
    TaskStatus status;
    int progress;
    String message;
    String result;
    String error;
    Instant startedAt;
    Instant completedAt;
    Instant updatedAt;
    String workerId;
    Instant leaseUntil;
    boolean cancelRequested;
    long lastSeq;
    String exclusiveKey;

    TaskDraft(TaskRow row) {
        this.original = row;
        this.id = row.id();
        this.status = row.status();
        this.progress = row.progress();
        this.message = row.message();
        this.result = row.result();
        this.error = row.error();
        this.startedAt = row.startedAt();
        this.completedAt = row.completedAt();
        this.updatedAt = row.updatedAt();
        this.workerId = row.workerId();
        this.leaseUntil = row.leaseUntil();
        this.cancelRequested = row.cancelRequested();
        this.lastSeq = row.lastSeq();
        this.exclusiveKey = row.exclusiveKey();
    }

    TaskRow toRow() {
        TaskRow o = original;
        return new TaskRow(id, o.name(), o.projectId(), status, progress, message, o.params(), result, error,
                o.createdAt(), startedAt, completedAt, updatedAt, workerId, o.attempt(), o.retryOf(), leaseUntil,
                cancelRequested, lastSeq, exclusiveKey, o.retriedBy());
    }
}
