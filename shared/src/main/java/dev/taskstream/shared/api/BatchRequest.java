package dev.taskstream.shared.api;

import java.util.List;

/** Body of {@code POST /tasks/batch}: up to {@link #MAX_TASKS} tasks enqueued in one transaction. */
public record BatchRequest(List<TaskRequest> tasks) {
    public static final int MAX_TASKS = 1_000;
}
