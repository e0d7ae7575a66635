package dev.taskstream.server.task;

/** A change kept colliding with concurrent ones; the client may simply try again (answered 503 with Retry-After). */
public final class TaskBusyException extends RuntimeException {
    public TaskBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
