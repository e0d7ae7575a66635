package dev.taskstream.app.communities;

import dev.taskstream.app.fx.Background;
import dev.taskstream.app.fx.Formats;
import dev.taskstream.app.fx.UiExecutor;
import dev.taskstream.shared.api.CommunityView;
import dev.taskstream.shared.api.ErrorCodes;
import dev.taskstream.shared.api.GraphStats;
import dev.taskstream.shared.api.Page;
import dev.taskstream.shared.client.ApiException;
import dev.taskstream.shared.client.TaskstreamClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
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
 * The list of a project's communities: a server-paged list (largest first, optional minimum size), a filter over
 * the loaded page, the largest communities for the size chart, the graph's statistics, and the texts around them
 * (page, total, statistics, what the empty list says). REST calls run in the background; a result that a newer
 * request has overtaken is dropped.
 */
public final class CommunityListViewModel {
    public static final int CHART_TOP = 10;

    private final TaskstreamClient client;
    private final String projectId;
    private final UiExecutor ui;
    private final int pageSize;
    private final Runnable onLoaded;
    private final AtomicLong generation = new AtomicLong();

    private final ObservableList<CommunityView> page = FXCollections.observableArrayList();
    private final FilteredList<CommunityView> visible = new FilteredList<>(page, c -> true);
    private final ObservableList<CommunityView> largest = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper filter = new ReadOnlyStringWrapper(this, "filter", "");
    private final ReadOnlyIntegerWrapper minMembers = new ReadOnlyIntegerWrapper(this, "minMembers", 1);
    private final ReadOnlyIntegerWrapper pageIndex = new ReadOnlyIntegerWrapper(this, "pageIndex", 0);
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(this, "pageCount", 0);
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(this, "total", 0);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "Loading communities…");
    private final ReadOnlyObjectWrapper<GraphStats> stats = new ReadOnlyObjectWrapper<>(this, "stats");
    private final ReadOnlyIntegerWrapper reloads = new ReadOnlyIntegerWrapper(this, "reloads", 0);
    private final StringBinding totalText;
    private final StringBinding pageText;
    private final StringBinding statsText;
    private final StringBinding statsTooltip;
    private final BooleanBinding onFirstPage;
    private final BooleanBinding onLastPage;

    /** {@code onLoaded} runs on the UI executor after each load, successful or not. */
    CommunityListViewModel(TaskstreamClient client, String projectId, UiExecutor ui, int pageSize, Runnable onLoaded) {
        this.client = client;
        this.projectId = projectId;
        this.ui = ui;
        this.pageSize = pageSize;
        this.onLoaded = onLoaded;
        filter.addListener((o, was, now) -> visible.setPredicate(c -> CommunityRows.matches(c, now)));
        totalText = Bindings.createStringBinding(() -> total.get() == 0 ? ""
                : Formats.count(total.get()) + (total.get() == 1 ? " community" : " communities"), total);
        pageText = Bindings.createStringBinding(() -> pageCount.get() == 0 ? ""
                : "Page " + (pageIndex.get() + 1) + " of " + pageCount.get(), pageIndex, pageCount);
        statsText = Bindings.createStringBinding(() -> stats.get() == null ? ""
                : Formats.count(stats.get().entities()) + " entities · " + Formats.count(stats.get().edges()) + " edges"
                        + (page.isEmpty() || page.get(0).createdAt() == null ? ""
                                : " · rebuilt " + Formats.compactDateTime(page.get(0).createdAt())),
                stats, page);
        statsTooltip = Bindings.createStringBinding(() -> stats.get() == null ? ""
                : "The graph of project " + projectId + ": " + Formats.count(stats.get().entities()) + " entities, "
                        + Formats.count(stats.get().edges()) + " edges, " + Formats.count(stats.get().communities())
                        + " communities", stats);
        onFirstPage = pageIndex.lessThanOrEqualTo(0);
        onLastPage = pageIndex.add(1).greaterThanOrEqualTo(pageCount);
    }

    /** Loads the current page, the chart and the statistics. */
    void load() {
        long gen = generation.incrementAndGet();
        loading.set(true);
        int offset = pageIndex.get() * pageSize;
        int min = Math.max(1, minMembers.get());
        Background.run(() -> {
            Page<CommunityView> p;
            try {
                p = client.listCommunities(projectId, pageSize, offset, min > 1 ? min : null);
            } catch (RuntimeException e) {
                String why = describeFailure(e);
                ui.execute(() -> {
                    if (gen == generation.get()) {
                        page.clear();
                        total.set(0);
                        pageCount.set(0);
                        message.set(why);
                        finished();
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
                if (gen != generation.get()) {
                    return;
                }
                page.setAll(p.items());
                largest.setAll(chart);
                total.set(p.total());
                pageCount.set((int) Math.max(1, (p.total() + pageSize - 1) / pageSize));
                message.set(p.total() == 0 ? "No communities yet. Click “Rebuild Communities” to detect them."
                        : "No community on this page matches the filter");
                stats.set(graph);
                finished();
            });
        });
    }

    private void finished() {
        loading.set(false);
        onLoaded.run();
        reloads.set(reloads.get() + 1);
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

    /** Back to the first page (the next load shows it). */
    void firstPage() {
        pageIndex.set(0);
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

    private String describeFailure(RuntimeException e) {
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

    /** The loaded page after the filter. */
    public ObservableList<CommunityView> communities() {
        return visible;
    }

    /** The largest communities, for the chart. */
    public ObservableList<CommunityView> largest() {
        return largest;
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
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<GraphStats> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    /** "28 communities" beside the title; empty when there are none. */
    public StringBinding totalText() {
        return totalText;
    }

    public StringBinding pageText() {
        return pageText;
    }

    /** "21,206 entities · 214,225 edges · rebuilt 01:09" under the list (one rebuild creates all communities). */
    public StringBinding statsText() {
        return statsText;
    }

    public StringBinding statsTooltip() {
        return statsTooltip;
    }

    public BooleanBinding onFirstPage() {
        return onFirstPage;
    }

    public BooleanBinding onLastPage() {
        return onLastPage;
    }

    /** Counts finished loads (successful or not); tests and the demo's start watch it. */
    public ReadOnlyIntegerProperty reloadsProperty() {
        return reloads.getReadOnlyProperty();
    }
}
