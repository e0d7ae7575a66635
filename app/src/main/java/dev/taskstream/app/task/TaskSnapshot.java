package dev.taskstream.app.task;

import dev.taskstream.app.connection.LinkState;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.tracking.TrackedTask;
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

    /** The card's view of a tracker snapshot: result statistics instead of raw JSON, the link as the app shows it. */
    public static TaskSnapshot of(TrackedTask t) {
        return new TaskSnapshot(t.taskId(), t.name(), t.status(), t.progress(), t.message(), ResultStats.from(t.result()),
                t.error(), t.startedAt(), t.completedAt(), link(t.connection()), t.connectionDetail(), t.notice(),
                t.cancelRequested());
    }

    static LinkState link(TrackedTask.Connection c) {
        return switch (c) {
            case CONNECTING -> LinkState.CONNECTING;
            case LIVE -> LinkState.LIVE;
            case RECONNECTING -> LinkState.RECONNECTING;
            case POLLING -> LinkState.POLLING;
            case OFFLINE -> LinkState.OFFLINE;
            case ENDED -> LinkState.ENDED;
        };
    }

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
