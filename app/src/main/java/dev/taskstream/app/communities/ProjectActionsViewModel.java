package dev.taskstream.app.communities;

import dev.taskstream.app.fx.Background;
import dev.taskstream.app.fx.UiExecutor;
import dev.taskstream.app.task.ResultStats;
import dev.taskstream.app.task.TaskCardViewModel;
import dev.taskstream.app.task.TaskTitles;
import dev.taskstream.app.tasklist.TaskListItem;
import dev.taskstream.shared.api.ErrorCodes;
import dev.taskstream.shared.api.RebuildRequest;
import dev.taskstream.shared.api.TaskAccepted;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import dev.taskstream.shared.client.ApiException;
import dev.taskstream.shared.client.TaskstreamClient;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ObservableList;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The project's two changing actions, Rebuild Communities and Import graph…, and when they may run. The server
 * lets one import or rebuild at a time change a project and refuses the next with a 409; here that refusal is seen
 * before it happens: while an import or rebuild of the project runs (this window's, from the task card, or another
 * client's, from the Activity stream) both actions are disabled, and their tooltips name the running task.
 *
 * <p>The rebuild command itself: started through a {@link RebuildLauncher} and shown in the task card; a 409 (a
 * rebuild another client started a moment ago) attaches the card to the running task instead.
 */
public final class ProjectActionsViewModel {
    public static final String REBUILD_TASK = "rebuild_communities";
    private static final Set<String> CHANGING_TASKS = Set.of(REBUILD_TASK, ResultStats.IMPORT_TASK);
    /** Ctrl+R (Cmd+R on macOS), Ctrl+I, Ctrl+F. */
    public static final KeyCombination REBUILD_KEY = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination IMPORT_KEY = new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination FILTER_KEY = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    /** An import or rebuild of the project that has not ended. */
    public record Running(UUID id, String name, int progress) {
        /** "Import graph (42 %)". */
        public String describe() {
            return TaskTitles.title(name) + " (" + progress + " %)";
        }

        public boolean isRebuild() {
            return REBUILD_TASK.equals(name);
        }
    }

    private final TaskstreamClient client;
    private final String projectId;
    private final UiExecutor ui;
    private final TaskCardViewModel taskCard;
    private final RebuildLauncher launcher;
    private final ReadOnlyStringWrapper rebuildMessage = new ReadOnlyStringWrapper(this, "rebuildMessage", "");
    private final ReadOnlyBooleanWrapper rebuildStarting = new ReadOnlyBooleanWrapper(this, "rebuildStarting", false);
    private final ObjectBinding<Running> running;
    private final BooleanBinding rebuildDisabled;
    private final BooleanBinding importDisabled;
    private final StringBinding rebuildTooltip;
    private final StringBinding importTooltip;

    /**
     * @param activity  the project's tasks from the Activity stream (every client's)
     * @param uploading true while this window sends a file to import
     */
    ProjectActionsViewModel(TaskstreamClient client, String projectId, UiExecutor ui, TaskCardViewModel taskCard,
            RebuildLauncher launcher, ObservableList<TaskListItem> activity, ObservableBooleanValue uploading) {
        this.client = client;
        this.projectId = projectId;
        this.ui = ui;
        this.taskCard = taskCard;
        this.launcher = launcher;
        running = Bindings.createObjectBinding(() -> running(activity), activity, taskCard.activeProperty(),
                taskCard.taskNameProperty(), taskCard.progressProperty());
        BooleanBinding busy = running.isNotNull();
        rebuildDisabled = busy.or(rebuildStarting);
        importDisabled = busy.or(uploading);
        rebuildTooltip = Bindings.createStringBinding(() -> running.get() != null
                ? whileRunning("Rebuild", running.get())
                : "Rebuild the communities on the server (" + REBUILD_KEY.getDisplayText() + ")", running);
        importTooltip = Bindings.createStringBinding(() -> running.get() != null
                ? whileRunning("Import", running.get())
                : uploading.get() ? "A file is being uploaded"
                : "Import entities and edges from a JSON or CSV file (" + IMPORT_KEY.getDisplayText() + ")",
                running, uploading);
    }

    /** The task card's task when it is one of this project's changing tasks, else the Activity stream's first. */
    private Running running(List<TaskListItem> activity) {
        if (taskCard.activeProperty().get() && CHANGING_TASKS.contains(taskCard.taskNameProperty().get())) {
            return new Running(taskCard.taskIdProperty().get(), taskCard.taskNameProperty().get(),
                    (int) Math.round(taskCard.progressProperty().get() * 100));
        }
        for (TaskListItem t : activity) {
            if (t.isActive() && CHANGING_TASKS.contains(t.name())) {
                return new Running(t.id(), t.name(), t.progress());
            }
        }
        return null;
    }

    private static String whileRunning(String action, Running r) {
        return action + " is off while " + r.describe() + " changes this project (task "
                + r.id().toString().substring(0, 8) + "); one import or rebuild at a time. It comes back when that "
                + "task ends.";
    }

    /** Starts a rebuild and shows it in the task card; a running rebuild is shown instead of starting another. */
    public void rebuild(RebuildRequest request) {
        rebuildStarting.set(true);
        rebuildMessage.set("Starting the rebuild…");
        Background.run(() -> {
            try {
                TaskAccepted accepted = launcher.start(projectId, request);
                ui.execute(() -> {
                    rebuildStarting.set(false);
                    rebuildMessage.set("");
                    taskCard.attach(accepted.taskId());
                });
            } catch (ApiException e) {
                Optional<UUID> runningRebuild = e.isConflict() ? runningRebuild(e) : Optional.empty();
                ui.execute(() -> {
                    rebuildStarting.set(false);
                    if (runningRebuild.isPresent()) {
                        rebuildMessage.set("A rebuild is already running; showing it");
                        taskCard.attach(runningRebuild.get());
                    } else {
                        rebuildMessage.set(e.hasCode(ErrorCodes.NO_SUCH_ENDPOINT)
                                ? "This server cannot rebuild communities (" + e.getMessage() + ")"
                                : "Could not start the rebuild: " + e.getMessage());
                    }
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    rebuildStarting.set(false);
                    rebuildMessage.set("Could not start the rebuild: " + e.getMessage());
                });
            }
        });
    }

    /**
     * The running task from a 409: the body's {@code task_id}; without one (an older server, a proxy) the server is
     * asked which rebuild of this project is active.
     */
    private Optional<UUID> runningRebuild(ApiException e) {
        Optional<UUID> named = e.taskId();
        if (named.isPresent()) {
            return named;
        }
        try {
            for (TaskStatus s : List.of(TaskStatus.PROCESSING, TaskStatus.PENDING)) {
                List<TaskView> items = client.listTasks(s, REBUILD_TASK, projectId, 1, 0).items();
                if (!items.isEmpty()) {
                    return Optional.of(items.get(0).id());
                }
            }
        } catch (RuntimeException ignored) {
            // fall through: report the conflict as is
        }
        return Optional.empty();
    }

    /** The import or rebuild of this project that runs now, or null. */
    public ObjectBinding<Running> running() {
        return running;
    }

    public BooleanBinding rebuildDisabled() {
        return rebuildDisabled;
    }

    public BooleanBinding importDisabled() {
        return importDisabled;
    }

    /** What the button does and its shortcut, or which task it waits for. */
    public StringBinding rebuildTooltip() {
        return rebuildTooltip;
    }

    public StringBinding importTooltip() {
        return importTooltip;
    }

    public String filterTooltip() {
        return "Filter the communities by name or member (" + FILTER_KEY.getDisplayText() + ")";
    }

    public ReadOnlyStringProperty rebuildMessageProperty() {
        return rebuildMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty rebuildStartingProperty() {
        return rebuildStarting.getReadOnlyProperty();
    }
}
