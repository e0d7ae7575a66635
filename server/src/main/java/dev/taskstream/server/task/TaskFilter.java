package dev.taskstream.server.task;

import dev.taskstream.shared.api.TaskStatus;

/** Optional filters of the task list; a null field means "any". */
public record TaskFilter(TaskStatus status, String name, String projectId) {
    public static final TaskFilter ALL = new TaskFilter(null, null, null);
}
