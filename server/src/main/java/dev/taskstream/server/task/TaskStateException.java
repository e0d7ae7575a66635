package dev.taskstream.server.task;

/** A request that the task's current state does not allow (answered with 409). */
public final class TaskStateException extends RuntimeException {
    public TaskStateException(String message) {
        super(message);
    }
}
