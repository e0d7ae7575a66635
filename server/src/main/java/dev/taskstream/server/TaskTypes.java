package dev.taskstream.server;

import dev.taskstream.server.task.TaskRegistry;

/**
 * The task types the production server runs, beyond the built-in ones: {@code rebuild_communities}
 * needs the server's own database, so {@link TaskstreamServer#start} adds it to any registry it is given.
 */
public final class TaskTypes {
    private TaskTypes() {
    }

    public static TaskRegistry production() {
        return new TaskRegistry();
    }
}
