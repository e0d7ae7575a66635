package dev.taskstream.app.tasklist;

import dev.taskstream.shared.api.ProgressEvent;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import java.time.Instant;
import java.util.UUID;

/** One line of the Activity list. */
public record TaskListItem(UUID id, String name, TaskStatus status, int progress, String message, String error,
        Instant updatedAt) {

    static TaskListItem of(ProgressEvent p) {
        return new TaskListItem(p.id(), p.name(), p.status(), p.progress(), p.message(), p.error(), p.updatedAt());
    }

    static TaskListItem of(TaskView t) {
        return new TaskListItem(t.id(), t.name(), t.status(), t.progress(), t.message(), t.error(), t.updatedAt());
    }

    public boolean isActive() {
        return status != null && !status.isTerminal();
    }
}
