package dev.taskstream.server.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.shared.api.TaskStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * The named state changes of a task, each one {@link TaskStorage#transition} with its guard. One
 * instance is shared by the engine (workers) and the service (API).
 */
public final class TaskLifecycle {
    private final TaskStorage storage;

    public TaskLifecycle(TaskStorage storage) {
        this.storage = storage;
    }

    /** A worker's progress step; throws {@link TaskLostException} when the worker no longer owns the task. */
    public TaskStorage.Committed progress(UUID id, String workerId, int percent, String message) {
        return storage.transition(id, t -> {
            requireOwner(t, workerId);
            t.progress = Math.max(0, Math.min(100, percent));
            t.message = clip(message, MAX_MESSAGE);
            return true;
        });
    }

    public TaskStorage.Committed complete(UUID id, String workerId, JsonNode result, String message) {
        return storage.transition(id, completion(workerId, result, message));
    }

    /** {@link #complete}, and the claim of the worker's next task in the same commit. */
    TaskStorage.ChangeAndClaim completeAndClaim(UUID id, String workerId, JsonNode result, String message,
            TaskStorage.ClaimSpec next) {
        return storage.transitionAndClaim(id, completion(workerId, result, message), next);
    }

    private static TaskStorage.Change completion(String workerId, JsonNode result, String message) {
        return t -> {
            requireOwner(t, workerId);
            t.status = TaskStatus.COMPLETED;
            t.progress = 100;
            t.message = clip(message, MAX_MESSAGE);
            t.result = result == null ? null : result.toString();
            return true;
        };
    }

    public TaskStorage.Committed fail(UUID id, String workerId, String error) {
        return storage.transition(id, t -> {
            requireOwner(t, workerId);
            t.status = TaskStatus.FAILED;
            t.error = clip(error, MAX_ERROR);
            t.message = "Failed";
            return true;
        });
    }

    /** The worker stopped at a cancellation check. */
    public TaskStorage.Committed cancelledByWorker(UUID id, String workerId) {
        return storage.transition(id, t -> {
            requireOwner(t, workerId);
            t.status = TaskStatus.CANCELLED;
            t.message = "Cancelled";
            return true;
        });
    }

    /** Gives a task back to the queue (graceful shutdown), so that another worker may take it. */
    public TaskStorage.Committed requeue(UUID id, String workerId, String reason) {
        return storage.transition(id, t -> {
            requireOwner(t, workerId);
            t.status = TaskStatus.PENDING;
            t.workerId = null;
            t.leaseUntil = null;
            t.startedAt = null;
            t.progress = 0;
            t.message = clip(reason, MAX_MESSAGE);
            return true;
        });
    }

    /**
     * A user's cancel request: a pending task is cancelled at once; a processing one is flagged and
     * its worker stops at its next check. Throws {@link TaskStateException} for a task that has ended.
     */
    public TaskStorage.Committed requestCancel(UUID id) {
        return storage.transition(id, t -> {
            switch (t.status) {
                case PENDING -> {
                    t.status = TaskStatus.CANCELLED;
                    t.message = "Cancelled before it started";
                    return true;
                }
                case PROCESSING -> {
                    if (t.cancelRequested) {
                        return false;
                    }
                    t.cancelRequested = true;
                    t.message = "Cancelling...";
                    return true;
                }
                default -> throw new TaskStateException("task " + id + " has already ended (" + t.status.wire()
                        + "); only pending or processing tasks can be cancelled");
            }
        });
    }

    /** Fails a processing task whose lease ran out; false when it was renewed or ended meanwhile. */
    public boolean reapIfExpired(UUID id, Instant now) {
        TaskStorage.Committed c = storage.transition(id, t -> {
            if (t.status != TaskStatus.PROCESSING || t.leaseUntil == null || !t.leaseUntil.isBefore(now)) {
                return false;
            }
            t.status = TaskStatus.FAILED;
            t.error = "worker " + t.workerId + " stopped renewing its lease (its process died or lost the "
                    + "database); retry the task to run it again";
            t.message = "Failed: worker lost";
            return true;
        });
        return c.event() != null;
    }

    /** The message column holds 2,000 characters; a longer message is cut, not an error. */
    static final int MAX_MESSAGE = 2_000;
    static final int MAX_ERROR = 4_000;

    static String clip(String text, int max) {
        return dev.taskstream.server.http.StorableText.clip(text, max); // between characters, not inside an emoji
    }

    private static void requireOwner(TaskDraft t, String workerId) {
        if (t.status != TaskStatus.PROCESSING || !workerId.equals(t.workerId)) {
            throw new TaskLostException(t.id, workerId);
        }
    }
}
