package dev.taskstream.app.task;

import dev.taskstream.app.connection.LinkState;
import dev.taskstream.shared.api.TaskStatus;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** One consistent state of the watched task and of the connection that watches it. */
public record TaskSnapshot(
        UUID taskId,
        String name,
        TaskStatus status,
        int progress,
        String message,
        ResultStats result,
        String error,
        Instant startedAt,
        Instant completedAt,
        LinkState link,
        String linkDetail,
        String notice,
        boolean cancelRequested) {

    public boolean isTerminal() {
        return status != null && status.isTerminal();
    }

    /** {@code rebuild_communities} → {@code Rebuild communities}. */
    public static String title(String taskName) {
        if (taskName == null || taskName.isBlank()) {
            return "Task";
        }
        String s = taskName.replace('_', ' ').strip();
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
