package dev.taskstream.server.cli;

import dev.taskstream.server.task.TaskRegistry;

/** The task types the production server runs. */
final class TaskTypes {
    private TaskTypes() {
    }

    static TaskRegistry production() {
        return new TaskRegistry();
    }
}
