package dev.taskstream.app.tasks;

import dev.taskstream.shared.api.ProgressEvent;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import java.time.Instant;
import java.util.UUID;

/** One line of the Activity list. */
public record TaskRow(UUID id, String name, TaskStatus status, int progress, String message, String error,
        Instant updatedAt) {

    static TaskRow of(ProgressEvent p) {
        return new TaskRow(p.id(), p.name(), p.status(), p.progress(), p.message(), p.error(), p.updatedAt());
    }

    static TaskRow of(TaskView t) {
        return new TaskRow(t.id(), t.name(), t.status(), t.progress(), t.message(), t.error(), t.updatedAt());
    }

    public boolean isActive() {
        return status != null && !status.isTerminal();
    }
}
