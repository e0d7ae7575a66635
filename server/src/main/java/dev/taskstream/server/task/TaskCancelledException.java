package dev.taskstream.server.task;

/** Thrown at a cancellation check; the engine ends the task as cancelled (or requeues it on shutdown). */
public final class TaskCancelledException extends RuntimeException {
    public TaskCancelledException(String message) {
        super(message, null, false, false);
    }
}
