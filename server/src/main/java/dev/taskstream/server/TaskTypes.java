package dev.taskstream.server;

import dev.taskstream.server.task.TaskRegistry;

/** The task types the production server runs. */
public final class TaskTypes {
    private TaskTypes() {
    }

    public static TaskRegistry production() {
        return new TaskRegistry();
    }
}
