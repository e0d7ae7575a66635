package dev.taskstream.app.task;

import java.util.Locale;

/** How the app names a task type to people: {@code rebuild_communities} → "Rebuild communities". */
public final class TaskTitles {
    private TaskTitles() {
    }

    public static String title(String taskName) {
        if (taskName == null || taskName.isBlank()) {
            return "Task";
        }
        String s = taskName.replace('_', ' ').strip();
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
