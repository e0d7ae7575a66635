package dev.taskstream.server.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** What a running handler sees of its task. */
public interface TaskContext {
    UUID taskId();

    String projectId();

    /** The parameters the task was submitted with (an empty object when none). */
    JsonNode params();

    int attempt();

    /**
     * Commits a progress step (0–100 and a message) and pushes it to watchers. Also a cancellation
     * check: throws {@link TaskCancelledException} when the task should stop.
     */
    void progress(int percent, String message);

    /** Throws {@link TaskCancelledException} when the user cancelled the task or the server is stopping. */
    void checkCancelled();
}
