package dev.taskstream.app.communitymap;

import dev.taskstream.app.fx.Background;
import dev.taskstream.app.fx.Formats;
import dev.taskstream.app.fx.UiExecutor;
import dev.taskstream.shared.api.CommunityMap;
import dev.taskstream.shared.client.TaskstreamClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The community map of one project: fetches the largest {@value #LIMIT} communities and their links, lays them out
 * on a background thread (never the UI thread, which only receives the finished {@link MapScene}), and holds which
 * community is selected. A load that a newer one has overtaken is dropped.
 *
 * <p>While a rebuild of the project runs ({@link #rebuildingProperty()}) the map stays truthful: it keeps the last
 * communities it drew, and its caption says they are being rebuilt; it never says "no communities" then.
 */
public final class CommunityMapViewModel {
    /** The server's cap: more circles would not be readable anyway. */
    public static final int LIMIT = 2_000;
    /** A fixed seed: the same communities are drawn the same way after every refresh. */
    private static final long SEED = 1;
    private static final ExecutorService LAYOUT = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("taskstream-map-layout").factory());

    private final TaskstreamClient client;
    private final String projectId;
    private final UiExecutor ui;
    private final AtomicLong generation = new AtomicLong();
    private boolean shown; // UI executor only
    private boolean stale; // asked to refresh before its view was shown
    private final ReadOnlyObjectWrapper<MapScene> scene = new ReadOnlyObjectWrapper<>(this, "scene");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "Loading the map…");
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper(this, "caption", "");
    private final ReadOnlyStringWrapper selectedId = new ReadOnlyStringWrapper(this, "selectedId");
    private final BooleanProperty rebuilding = new SimpleBooleanProperty(this, "rebuilding", false);
    private MapScene last; // the last scene applied, with or without circles (UI executor only)

    public CommunityMapViewModel(TaskstreamClient client, String projectId, UiExecutor ui) {
        this.client = client;
        this.projectId = projectId;
        this.ui = ui;
        rebuilding.addListener((o, was, now) -> {
            if (last != null) {
                apply(last);
            }
            if (!now && (last == null || last.circles().isEmpty())) {
                message.set("Loading the map…"); // the rebuild ended: its communities are on their way
            }
        });
    }

    /** Fetches and lays out the map. */
    public void reload() {
        long gen = generation.incrementAndGet();
        if ((scene.get() == null || scene.get().circles().isEmpty()) && !rebuilding.get()) {
            message.set("Loading the map…");
        }
        Background.run(() -> {
            CommunityMap map;
            try {
                map = client.communityMap(projectId, LIMIT);
            } catch (RuntimeException e) {
                String why = "Could not load the map: " + e.getMessage();
                ui.execute(() -> {
                    if (gen == generation.get()) {
                        scene.set(null);
                        message.set(why);
                        caption.set("");
                    }
                });
                return;
            }
            LAYOUT.execute(() -> {
                if (gen != generation.get()) {
                    return; // overtaken before the work started
                }
                MapScene laidOut = MapScene.layOut(map, SEED);
                ui.execute(() -> {
                    if (gen == generation.get()) {
                        apply(laidOut);
                    }
                });
            });
        });
    }

    /**
     * The communities were (re)loaded: lays the map out again if its view is shown; without a view there is no work
     * to do until it shows. The communities view model calls this with each of its reloads.
     */
    public void refresh() {
        if (shown) {
            reload();
        } else {
            stale = true;
        }
    }

    /**
     * Its view is shown: from now on each {@link #refresh()} lays the map out. It loads now only if a refresh came
     * first; otherwise the communities' first load will bring it, so the map is not fetched twice at start.
     */
    public void show() {
        shown = true;
        if (stale) {
            stale = false;
            reload();
        }
    }

    private void apply(MapScene s) {
        if (rebuilding.get() && s.circles().isEmpty() && scene.get() != null && !scene.get().circles().isEmpty()) {
            s = scene.get(); // mid-rebuild: the communities drawn so far are the truth until the new ones are saved
        }
        last = s;
        scene.set(s);
        int shown = s.circles().size();
        message.set(shown > 0 ? "" : rebuilding.get() ? "Detecting communities… the map appears when the rebuild ends."
                : "No communities yet. Rebuild to see the map.");
        String circles = shown < s.totalCommunities()
                ? "The largest " + Formats.count(shown) + " of " + Formats.count(s.totalCommunities()) + " communities"
                : Formats.count(shown) + (shown == 1 ? " community" : " communities");
        String links = s.hiddenLinks() == 0 ? Formats.count(s.links().size()) + " links"
                : "the strongest " + Formats.count(s.links().size()) + " of " + Formats.count(s.links().size()
                        + s.hiddenLinks()) + " links";
        caption.set(shown == 0 ? "" : rebuilding.get() ? "Being rebuilt · showing the last " + circles.toLowerCase(java.util.Locale.ROOT)
                : circles + " · " + links + " · area ∝ members");
    }

    /** Highlights a community (null: none); called when the table's selection changes and on a click. */
    public void select(String communityId) {
        selectedId.set(communityId);
    }

    /** True while a rebuild of the project runs (the communities view binds it to the running task). */
    public BooleanProperty rebuildingProperty() {
        return rebuilding;
    }

    /** The laid-out map, or null before the first load and after a failed one. */
    public ReadOnlyObjectProperty<MapScene> sceneProperty() {
        return scene.getReadOnlyProperty();
    }

    /** What the map area says instead of a picture: loading, none yet, an error; empty when there is a picture. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** One line under the map: how many communities and links it shows. */
    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty selectedIdProperty() {
        return selectedId.getReadOnlyProperty();
    }
}
