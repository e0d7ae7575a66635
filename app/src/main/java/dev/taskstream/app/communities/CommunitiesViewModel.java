package dev.taskstream.app.communities;

import dev.taskstream.app.communitymap.CommunityMapViewModel;
import dev.taskstream.app.fx.Background;
import dev.taskstream.app.fx.UiExecutor;
import dev.taskstream.app.task.ResultStats;
import dev.taskstream.app.task.TaskCardViewModel;
import dev.taskstream.shared.api.CommunityDetail;
import dev.taskstream.shared.api.CommunityView;
import dev.taskstream.shared.api.ErrorCodes;
import dev.taskstream.shared.api.GraphStats;
import dev.taskstream.shared.api.MemberView;
import dev.taskstream.shared.api.Page;
import dev.taskstream.shared.api.RebuildRequest;
import dev.taskstream.shared.api.TaskAccepted;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import dev.taskstream.shared.client.ApiException;
import dev.taskstream.shared.client.TaskstreamClient;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The communities of one project: a server-paged list (largest first, optional minimum size), a filter over the
 * loaded page, the selected community with its members (paged), the sizes of the largest communities for the
 * chart, the graph's statistics, and the rebuild command. REST calls run in the background; results are applied on
 * the UI executor, and a result that a newer request has overtaken is dropped.
 *
 * <p>A rebuild is started through a {@link RebuildLauncher} and watched in the task card. When a rebuild or an
 * import of this project ends, whoever started it ({@link #taskEnded}: from the card, or from the Activity stream for
 * another client's task), the list reloads. A 409 (a rebuild is already running) attaches the card to the running
 * task.
 *
 * <p>The {@link #map() map} follows the data: each {@link #reload()} result (not a page or minimum-size change, which
 * shows other rows of the same communities) lays the map out again, so the list, the chart and the map never show
 * different rebuilds.
 */
public final class CommunitiesViewModel {
    public static final String REBUILD_TASK = "rebuild_communities";
    public static final int CHART_TOP = 10;

    private final TaskstreamClient client;
    private final String projectId;
    private final UiExecutor ui;
    private final TaskCardViewModel taskCard;
    private final RebuildLauncher launcher;
    private final int pageSize;
    private final int memberPageSize;
    private final AtomicLong listGeneration = new AtomicLong();
    private final AtomicLong detailGeneration = new AtomicLong();

    private final ObservableList<CommunityView> page = FXCollections.observableArrayList();
    private final FilteredList<CommunityView> visible = new FilteredList<>(page, c -> true);
    private final ObservableList<CommunityView> largest = FXCollections.observableArrayList();
    private final ObservableList<MemberView> members = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper filter = new ReadOnlyStringWrapper(this, "filter", "");
    private final ReadOnlyIntegerWrapper minMembers = new ReadOnlyIntegerWrapper(this, "minMembers", 1);
    private final ReadOnlyIntegerWrapper pageIndex = new ReadOnlyIntegerWrapper(this, "pageIndex", 0);
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(this, "pageCount", 0);
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(this, "total", 0);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper listMessage = new ReadOnlyStringWrapper(this, "listMessage", "Loading communities…");
    private final ReadOnlyObjectWrapper<GraphStats> stats = new ReadOnlyObjectWrapper<>(this, "stats");
    private final ReadOnlyObjectWrapper<CommunityDetail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private final ReadOnlyIntegerWrapper memberPage = new ReadOnlyIntegerWrapper(this, "memberPage", 0);
    private final ReadOnlyIntegerWrapper memberPageCount = new ReadOnlyIntegerWrapper(this, "memberPageCount", 0);
    private final ReadOnlyStringWrapper detailMessage = new ReadOnlyStringWrapper(this, "detailMessage",
            "Select a community to see its members");
    private final ReadOnlyStringWrapper rebuildMessage = new ReadOnlyStringWrapper(this, "rebuildMessage", "");
    private final ReadOnlyBooleanWrapper rebuildStarting = new ReadOnlyBooleanWrapper(this, "rebuildStarting", false);
    private final ReadOnlyIntegerWrapper reloads = new ReadOnlyIntegerWrapper(this, "reloads", 0);
    private final CommunityMapViewModel map;
    private boolean mapStale; // UI executor only
    private final Set<UUID> endedTasks = new LinkedHashSet<>(); // UI executor only

    public CommunitiesViewModel(TaskstreamClient client, String projectId, UiExecutor ui, TaskCardViewModel taskCard,
            RebuildLauncher launcher) {
        this(client, projectId, ui, taskCard, launcher, 50, 50);
    }

    public CommunitiesViewModel(TaskstreamClient client, String projectId, UiExecutor ui, TaskCardViewModel taskCard,
            RebuildLauncher launcher, int pageSize, int memberPageSize) {
        this.client = client;
        this.projectId = projectId;
        this.ui = ui;
        this.taskCard = taskCard;
        this.launcher = launcher;
        this.pageSize = pageSize;
        this.memberPageSize = memberPageSize;
        filter.addListener((o, was, now) -> visible.setPredicate(c -> matches(c, now)));
        taskCard.addFinishListener(s -> taskEnded(s.taskId(), s.name(), s.status()));
        this.map = new CommunityMapViewModel(client, projectId, ui);
    }

    /** The community map beside the size chart; it is laid out again with each {@link #reload()}. */
    public CommunityMapViewModel map() {
        return map;
    }

    /** Shows a community that has no row on the loaded page (a click on the map). */
    public void selectById(String communityId) {
        memberPage.set(0);
        loadDetail(communityId);
    }

    public String projectId() {
        return projectId;
    }

    // ------------------------------------------------------------------ commands (UI executor)

    /** Reloads the current page, the chart, the statistics and the map: the communities may have changed. */
    public void reload() {
        mapStale = true;
        load();
    }

    /**
     * Loads the current page, the chart and the statistics; the map too when a {@link #reload()} asked for it (also
     * when a page change overtook that reload, so the map is never left behind).
     */
    private void load() {
        long gen = listGeneration.incrementAndGet();
        loading.set(true);
        int offset = pageIndex.get() * pageSize;
        int min = Math.max(1, minMembers.get());
        Background.run(() -> {
            Page<CommunityView> p;
            try {
                p = client.listCommunities(projectId, pageSize, offset, min > 1 ? min : null);
            } catch (RuntimeException e) {
                String why = describeListFailure(e);
                ui.execute(() -> {
                    if (gen == listGeneration.get()) {
                        page.clear();
                        total.set(0);
                        pageCount.set(0);
                        listMessage.set(why);
                        loading.set(false);
                        refreshMapIfStale();
                        reloads.set(reloads.get() + 1);
                    }
                });
                return;
            }
            List<CommunityView> top = p.items();
            if (offset != 0 || min > 1 || top.size() < CHART_TOP) {
                try {
                    top = client.listCommunities(projectId, CHART_TOP, 0, null).items();
                } catch (RuntimeException e) {
                    top = List.of();
                }
            }
            GraphStats g = null;
            try {
                g = client.graphStats(projectId);
            } catch (RuntimeException e) {
                // statistics are a nicety; the list is what matters
            }
            List<CommunityView> chart = top.size() > CHART_TOP ? top.subList(0, CHART_TOP) : top;
            GraphStats graph = g;
            ui.execute(() -> {
                if (gen != listGeneration.get()) {
                    return;
                }
                page.setAll(p.items());
                largest.setAll(chart);
                total.set(p.total());
                pageCount.set((int) Math.max(1, (p.total() + pageSize - 1) / pageSize));
                listMessage.set(p.total() == 0 ? "No communities yet. Click “Rebuild Communities” to detect them."
                        : "No community on this page matches the filter");
                stats.set(graph);
                loading.set(false);
                refreshMapIfStale();
                reloads.set(reloads.get() + 1);
            });
        });
    }

    private void refreshMapIfStale() {
        if (mapStale) {
            mapStale = false;
            map.refresh();
        }
    }

    public void nextPage() {
        if (pageIndex.get() + 1 < pageCount.get()) {
            pageIndex.set(pageIndex.get() + 1);
            load();
        }
    }

    public void previousPage() {
        if (pageIndex.get() > 0) {
            pageIndex.set(pageIndex.get() - 1);
            load();
        }
    }

    /** Filters the loaded page by name, description or member (a blank filter shows all). */
    public void setFilter(String text) {
        filter.set(text == null ? "" : text);
    }

    /** Server-side minimum size; back to the first page. */
    public void setMinMembers(int min) {
        if (min != minMembers.get()) {
            minMembers.set(Math.max(1, min));
            pageIndex.set(0);
            load();
        }
    }

    /** Shows a community's first page of members (null clears the detail). */
    public void select(CommunityView community) {
        if (community == null) {
            detailGeneration.incrementAndGet();
            detail.set(null);
            members.clear();
            memberPage.set(0);
            memberPageCount.set(0); // no member pages to step through: the pager's buttons are off
            detailMessage.set("Select a community to see its members");
            return;
        }
        memberPage.set(0);
        loadDetail(community.id());
    }

    public void nextMemberPage() {
        CommunityDetail d = detail.get();
        if (d != null && memberPage.get() + 1 < memberPageCount.get()) {
            memberPage.set(memberPage.get() + 1);
            loadDetail(d.id());
        }
    }

    public void previousMemberPage() {
        CommunityDetail d = detail.get();
        if (d != null && memberPage.get() > 0) {
            memberPage.set(memberPage.get() - 1);
            loadDetail(d.id());
        }
    }

    private void loadDetail(String communityId) {
        long gen = detailGeneration.incrementAndGet();
        int offset = memberPage.get() * memberPageSize;
        detailMessage.set("Loading members…");
        Background.run(() -> {
            try {
                CommunityDetail d = client.getCommunity(communityId, memberPageSize, offset);
                ui.execute(() -> {
                    if (gen == detailGeneration.get()) {
                        detail.set(d);
                        members.setAll(d.members() == null ? List.of() : d.members().items());
                        long n = d.members() == null ? 0 : d.members().total();
                        memberPageCount.set((int) Math.max(1, (n + memberPageSize - 1) / memberPageSize));
                        detailMessage.set(n == 0 ? "This community has no members" : "");
                    }
                });
            } catch (RuntimeException e) {
                String why = e.getMessage();
                ui.execute(() -> {
                    if (gen == detailGeneration.get()) {
                        members.clear();
                        detailMessage.set(e instanceof ApiException a && a.isNotFound()
                                ? "This community no longer exists (the communities were rebuilt); reload the list"
                                : why);
                    }
                });
            }
        });
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
                Optional<UUID> running = e.isConflict() ? runningRebuild(e) : Optional.empty();
                ui.execute(() -> {
                    rebuildStarting.set(false);
                    if (running.isPresent()) {
                        rebuildMessage.set("A rebuild is already running; showing it");
                        taskCard.attach(running.get());
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
            pageIndex.set(0);
            select(null);
        }
        reload();
    }

    private String describeListFailure(RuntimeException e) {
        if (e instanceof ApiException a) {
            if (a.isNotFound()) {
                return a.hasCode(ErrorCodes.NO_SUCH_ENDPOINT)
                        ? "This server does not serve communities yet\n(it answers 404 for /projects/" + projectId
                                + "/communities)"
                        : "No project '" + projectId + "' on this server";
            }
            if (a.isUnauthorized()) {
                return "The server refused the token (HTTP " + a.status() + ")";
            }
            return a.getMessage();
        }
        return "Could not load communities: " + e.getMessage();
    }

    private static boolean matches(CommunityView c, String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String f = filter.strip().toLowerCase(Locale.ROOT);
        if (c.name() != null && c.name().toLowerCase(Locale.ROOT).contains(f)) {
            return true;
        }
        if (c.description() != null && c.description().toLowerCase(Locale.ROOT).contains(f)) {
            return true;
        }
        return c.topMembers() != null && c.topMembers().stream()
                .anyMatch(m -> m != null && m.toLowerCase(Locale.ROOT).contains(f));
    }

    // ------------------------------------------------------------------ state

    /** The loaded page after the filter. */
    public ObservableList<CommunityView> communities() {
        return visible;
    }

    /** The largest communities, for the chart. */
    public ObservableList<CommunityView> largest() {
        return largest;
    }

    public ObservableList<MemberView> members() {
        return members;
    }

    public ReadOnlyStringProperty filterProperty() {
        return filter.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty minMembersProperty() {
        return minMembers.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pageIndexProperty() {
        return pageIndex.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pageCountProperty() {
        return pageCount.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** What the empty list shows: loading, none yet, an error. */
    public ReadOnlyStringProperty listMessageProperty() {
        return listMessage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<GraphStats> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CommunityDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty memberPageProperty() {
        return memberPage.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty memberPageCountProperty() {
        return memberPageCount.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailMessageProperty() {
        return detailMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rebuildMessageProperty() {
        return rebuildMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty rebuildStartingProperty() {
        return rebuildStarting.getReadOnlyProperty();
    }

    /** Counts finished reloads (successful or not); tests and the status line watch it. */
    public ReadOnlyIntegerProperty reloadsProperty() {
        return reloads.getReadOnlyProperty();
    }
}
