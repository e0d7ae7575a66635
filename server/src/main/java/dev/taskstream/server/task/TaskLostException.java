package dev.taskstream.server.task;

import java.util.UUID;

/** The worker no longer owns the task (its lease ran out and it was reaped, or it was taken over). */
public final class TaskLostException extends RuntimeException {
    public TaskLostException(UUID id, String workerId) {
        super("worker " + workerId + " no longer owns task " + id);
    }
}
