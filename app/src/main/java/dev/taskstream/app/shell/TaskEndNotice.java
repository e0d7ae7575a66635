package dev.taskstream.app.shell;

import dev.taskstream.shared.tracking.TrackedTask;
import dev.taskstream.app.task.ResultStats;
import dev.taskstream.app.task.TaskCardViewModel;
import dev.taskstream.app.task.TaskTitles;
import dev.taskstream.shared.api.TaskStatus;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Tells the user that the watched task ended, for when they looked away: a banner in the window (always), and while
 * the window is not focused the window title ("✓ Rebuild completed — Taskstream") and a desktop notification. Only
 * a task seen running ends here: picking a finished task in Activity announces nothing. UI thread only.
 */
public final class TaskEndNotice {
    public static final String APP_TITLE = "Taskstream";

    /** What ended, for the desktop notification. */
    public record Ended(String headline, String detail, boolean ok) {
    }

    private final Consumer<Ended> desktop;
    private final ReadOnlyStringWrapper windowTitle = new ReadOnlyStringWrapper(this, "windowTitle", APP_TITLE);
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper(this, "banner", "");
    private final ReadOnlyBooleanWrapper bannerOk = new ReadOnlyBooleanWrapper(this, "bannerOk", true);
    private boolean focused = true;

    public TaskEndNotice(TaskCardViewModel card, Consumer<Ended> desktop) {
        this.desktop = Objects.requireNonNull(desktop);
        card.snapshotProperty().addListener((o, was, now) -> {
            if (was != null && now != null && now.taskId() != null && now.taskId().equals(was.taskId())
                    && was.status() != null && !was.isTerminal() && now.isTerminal()) {
                ended(now);
            }
        });
    }

    private void ended(TrackedTask s) {
        boolean ok = s.status() == TaskStatus.COMPLETED;
        String headline = (ok ? "✓ " : "✗ ") + shortName(s.name()) + " " + verb(s.status());
        String detail = ok ? summary(s) : s.error() != null ? s.error() : s.message() == null ? "" : s.message();
        banner.set(detail.isEmpty() ? headline : headline + " · " + detail);
        bannerOk.set(ok);
        if (!focused) {
            windowTitle.set(headline + " — " + APP_TITLE);
            desktop.accept(new Ended(headline, detail, ok));
        }
    }

    /** The window gained or lost focus; once it is looked at again, the title is the app's. */
    public void setWindowFocused(boolean isFocused) {
        focused = isFocused;
        if (isFocused) {
            windowTitle.set(APP_TITLE);
        }
    }

    public void dismissBanner() {
        banner.set("");
    }

    /** {@code rebuild_communities} → "Rebuild", {@code import_graph} → "Import", else the task's title. */
    static String shortName(String taskName) {
        return taskName == null ? "Task" : switch (taskName) {
            case "rebuild_communities" -> "Rebuild";
            case "import_graph" -> "Import";
            default -> TaskTitles.title(taskName);
        };
    }

    private static String verb(TaskStatus status) {
        return switch (status) {
            case COMPLETED -> "completed";
            case CANCELLED -> "cancelled";
            default -> "failed";
        };
    }

    /** "24 communities · 1.4 s" from the result's first and last statistic. */
    private static String summary(TrackedTask s) {
        ResultStats result = ResultStats.from(s.name(), s.result());
        if (result == null || result.stats().isEmpty()) {
            return s.message() == null ? "" : s.message();
        }
        var first = result.stats().getFirst();
        var last = result.stats().getLast();
        return first.text() + " " + first.caption().toLowerCase(java.util.Locale.ROOT) + " · " + last.text();
    }

    public ReadOnlyStringProperty windowTitleProperty() {
        return windowTitle.getReadOnlyProperty();
    }

    /** The banner's text; empty when there is none. */
    public ReadOnlyStringProperty bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty bannerOkProperty() {
        return bannerOk.getReadOnlyProperty();
    }
}
