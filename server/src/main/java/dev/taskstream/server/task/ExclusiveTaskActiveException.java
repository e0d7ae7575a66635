package dev.taskstream.server.task;

import java.util.UUID;

/** Another task with the same exclusive key (e.g. a rebuild of the same project) is still active. */
public final class ExclusiveTaskActiveException extends RuntimeException {
    private final UUID activeTaskId;

    public ExclusiveTaskActiveException(String key, UUID activeTaskId) {
        super("task " + activeTaskId + " (" + key + ") is still running; wait for it or cancel it first");
        this.activeTaskId = activeTaskId;
    }

    public UUID activeTaskId() {
        return activeTaskId;
    }
}
