package dev.taskstream.server.task;

/**
 * A task that cannot run on what its client sent (its params, its project): the client's mistake, not the server's.
 * The task fails with this message, and the engine logs one INFO line with the task's id instead of a WARN with a
 * stack trace, so that a server log's warnings stay about the server.
 */
public class TaskInputException extends IllegalArgumentException {
    public TaskInputException(String message) {
        super(message);
    }
}
