package dev.taskstream.server.task;

import java.util.UUID;

/** A task is retried once; this one was already, by {@link #retryId()}, which the client can follow instead. */
public final class TaskAlreadyRetriedException extends RuntimeException {
    private final UUID retryId;

    public TaskAlreadyRetriedException(UUID taskId, UUID retryId) {
        super("task " + taskId + " was already retried as task " + retryId + "; follow that task (or retry it "
                + "once it has failed)");
        this.retryId = retryId;
    }

    public UUID retryId() {
        return retryId;
    }
}
