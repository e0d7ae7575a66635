package dev.taskstream.server;

import dev.taskstream.server.task.TaskRegistry;

/**
 * The task types the production server runs, beyond the built-in ones: {@code rebuild_communities} and
 * {@code import_graph} need the server's own database (and upload spool), so {@link TaskstreamServer#start}
 * adds them to any registry it is given.
 */
public final class TaskTypes {
    private TaskTypes() {
    }

    public static TaskRegistry production() {
        return new TaskRegistry();
    }
}
