package dev.taskstream.app.communities;

import dev.taskstream.app.communitymap.CommunityMapViewModel;
import dev.taskstream.app.fx.UiExecutor;
import dev.taskstream.app.task.ResultStats;
import dev.taskstream.app.task.TaskCardViewModel;
import dev.taskstream.app.tasklist.TaskListItem;
import dev.taskstream.shared.api.CommunityView;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.client.TaskstreamClient;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The communities view of one project, made of one view model per concern: the {@link #list() list} (pages,
 * filter, chart, statistics), the {@link #detail() selected community}, the {@link #actions() actions} that change
 * the project (rebuild, import, and when they may run), the {@link #imports() upload} and the {@link #map() map}.
 * This class ties them together: when a rebuild or an import of the project ends ({@link #taskEnded}: from the task
 * card, or from the Activity stream for another client's task), the list reloads, and each reload (not a page or
 * minimum-size change, which shows other rows of the same communities) lays the map out again, so the list, the
 * chart and the map never show different rebuilds.
 */
public final class CommunitiesViewModel {
    public static final String REBUILD_TASK = ProjectActionsViewModel.REBUILD_TASK;

    private final String projectId;
    private final CommunityListViewModel list;
    private final CommunityDetailViewModel detail;
    private final ProjectActionsViewModel actions;
    private final GraphImportViewModel imports;
    private final CommunityMapViewModel map;
    private boolean mapStale; // UI executor only
    private final Set<UUID> endedTasks = new LinkedHashSet<>(); // UI executor only

    /** Without an Activity stream (only this window's tasks count as running). */
    public CommunitiesViewModel(TaskstreamClient client, String projectId, UiExecutor ui, TaskCardViewModel taskCard,
            RebuildLauncher launcher) {
        this(client, projectId, ui, taskCard, launcher, FXCollections.observableArrayList(), 50, 50);
    }

    public CommunitiesViewModel(TaskstreamClient client, String projectId, UiExecutor ui, TaskCardViewModel taskCard,
            RebuildLauncher launcher, int pageSize, int memberPageSize) {
        this(client, projectId, ui, taskCard, launcher, FXCollections.observableArrayList(), pageSize, memberPageSize);
    }

    /** @param activity the project's tasks from the Activity stream, so that other clients' tasks count too */
    public CommunitiesViewModel(TaskstreamClient client, String projectId, UiExecutor ui, TaskCardViewModel taskCard,
            RebuildLauncher launcher, ObservableList<TaskListItem> activity, int pageSize, int memberPageSize) {
        this.projectId = projectId;
        this.map = new CommunityMapViewModel(client, projectId, ui);
        this.list = new CommunityListViewModel(client, projectId, ui, pageSize, this::refreshMapIfStale);
        this.detail = new CommunityDetailViewModel(client, ui, memberPageSize);
        this.imports = new GraphImportViewModel(client, projectId, ui, taskCard);
        this.actions = new ProjectActionsViewModel(client, projectId, ui, taskCard, launcher, activity,
                imports.uploadingProperty());
        // while a rebuild runs the map keeps the communities it has, marked as being rebuilt
        map.rebuildingProperty().bind(Bindings.createBooleanBinding(
                () -> actions.running().get() != null && actions.running().get().isRebuild(), actions.running()));
        taskCard.addFinishListener(s -> taskEnded(s.taskId(), s.name(), s.status()));
    }

    public String projectId() {
        return projectId;
    }

    public CommunityListViewModel list() {
        return list;
    }

    public CommunityDetailViewModel detail() {
        return detail;
    }

    public ProjectActionsViewModel actions() {
        return actions;
    }

    public GraphImportViewModel imports() {
        return imports;
    }

    /** The community map beside the size chart; it is laid out again with each {@link #reload()}. */
    public CommunityMapViewModel map() {
        return map;
    }

    /** Reloads the current page, the chart, the statistics and the map: the communities may have changed. */
    public void reload() {
        mapStale = true;
        list.load();
    }

    /** The map too when a {@link #reload()} asked for it (also when a page change overtook that reload). */
    private void refreshMapIfStale() {
        if (mapStale) {
            mapStale = false;
            map.refresh();
        }
    }

    /** Selects a row (null clears the selection); the map rings it. */
    public void select(CommunityView community) {
        detail.select(community);
        map.select(community == null ? null : community.id());
    }

    /**
     * A task of this project ended: the card's (this window's, or one it attached to) or one the Activity stream saw
     * end (another client's). A rebuild replaces the communities, so the list goes back to its first page without a
     * selection; an import changes the statistics. Each task is handled once, however many sources report it.
     */
    public void taskEnded(UUID taskId, String name, TaskStatus status) {
        boolean rebuild = REBUILD_TASK.equals(name);
        boolean imported = ResultStats.IMPORT_TASK.equals(name) && status == TaskStatus.COMPLETED;
        if (!(rebuild || imported) || !endedTasks.add(taskId)) {
            return;
        }
        if (endedTasks.size() > 100) {
            endedTasks.remove(endedTasks.iterator().next()); // the oldest: only recent ends are reported twice
        }
        if (rebuild && status == TaskStatus.COMPLETED) {
            list.firstPage();
            select(null);
        }
        reload();
    }
}
