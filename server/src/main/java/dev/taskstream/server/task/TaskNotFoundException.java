package dev.taskstream.server.task;

import java.util.UUID;

public final class TaskNotFoundException extends RuntimeException {
    public TaskNotFoundException(UUID id) {
        super("no task with id " + id);
    }
}
