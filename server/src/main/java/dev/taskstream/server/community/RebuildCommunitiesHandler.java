package dev.taskstream.server.community;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskstream.server.db.Database;
import dev.taskstream.server.task.TaskCancelledException;
import dev.taskstream.server.task.TaskContext;
import dev.taskstream.server.task.TaskHandler;
import dev.taskstream.server.task.TaskInputException;
import dev.taskstream.shared.json.Json;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code rebuild_communities}: detects the communities of a project's graph and replaces its
 * communities. Steps: 10 "Removing existing communities..." (announced; the old set is removed in
 * the final swap, so readers never see an empty set) → 10–29 "Loading graph... (N edges)" while the
 * graph streams in → 30 "Detecting communities..." → 30–49 "Detecting communities... (iteration N)"
 * while the algorithm iterates → 50 "Found N communities..." → 75 "Saving community memberships..."
 * → 75–89 "Saving community memberships... (N of M)" → 90 "Calculating member counts..." →
 * completed, 100 "Community rebuild completed". The result's {@code phases_ms} splits the time into
 * load, detect and save.
 */
public final class RebuildCommunitiesHandler implements TaskHandler {
    private static final Logger log = LoggerFactory.getLogger(RebuildCommunitiesHandler.class);
    public static final String NAME = "rebuild_communities";
    /**
     * Rows loaded between two progress events, and memberships saved between two: each event is a commit
     * (about 0.1 s on a busy Postgres), so a few per phase, about one a second on a 10^6-edge graph.
     */
    public static final int DEFAULT_LOAD_EVERY = 250_000;
    public static final int DEFAULT_SAVE_EVERY = 25_000;

    private final Database db;
    private final CommunityStore store;
    private final CommunityDetector detector = new CommunityDetector();
    private final int loadEvery;
    private final int saveEvery;

    public RebuildCommunitiesHandler(Database db, CommunityStore store) {
        this(db, store, DEFAULT_LOAD_EVERY, DEFAULT_SAVE_EVERY);
    }

    /** {@code loadEvery} rows loaded and {@code saveEvery} memberships saved between two progress events. */
    public RebuildCommunitiesHandler(Database db, CommunityStore store, int loadEvery, int saveEvery) {
        if (loadEvery < 1 || saveEvery < 1) {
            throw new IllegalArgumentException("progress intervals must be >= 1, got " + loadEvery + ", " + saveEvery);
        }
        this.db = db;
        this.store = store;
        this.loadEvery = loadEvery;
        this.saveEvery = saveEvery;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean exclusivePerProject() {
        return true;
    }

    @Override
    public String completedMessage() {
        return "Community rebuild completed";
    }

    @Override
    public JsonNode run(TaskContext ctx) {
        long started = System.nanoTime();
        if (ctx.projectId() == null) {
            throw new TaskInputException("rebuild_communities needs a project_id");
        }
        RebuildParams params = RebuildParams.parse(ctx.params());
        ctx.progress(10, "Removing existing communities...");
        long loadStarted = System.nanoTime();
        ProjectGraph graph = ProjectGraph.load(db, ctx.projectId(), loadEvery, (rows, edges, expectedRows) -> {
            ctx.checkCancelled();
            ctx.progress(10 + share(19, rows, expectedRows), String.format(Locale.ROOT, "Loading graph... (%,d edges)",
                    edges));
        });
        long loadMs = (System.nanoTime() - loadStarted) / 1_000_000;
        log.info("rebuild {}: loaded project {} ({} entities, {} edge rows) in {} ms", ctx.taskId(), ctx.projectId(),
                graph.nodeCount(), graph.edgeRows(), loadMs);
        ctx.progress(30, "Detecting communities...");
        long detectStarted = System.nanoTime();
        DetectionResult result;
        try {
            result = detector.detect(graph.graph(), params.options(), (iteration, fraction) -> {
                ctx.checkCancelled();
                if (iteration > 0) {
                    int percent = 30 + Math.min(19, (int) Math.floor(20 * fraction));
                    ctx.progress(percent, "Detecting communities... (iteration " + iteration + ")");
                }
            });
        } catch (DetectionCancelledException e) {
            ctx.checkCancelled();
            throw new TaskCancelledException(e.getMessage());
        }
        int count = result.communityCount();
        ctx.progress(50, "Found " + count + (count == 1 ? " community..." : " communities..."));
        CommunityPlan plan = CommunityPlan.of(graph, result);
        long detectMs = (System.nanoTime() - detectStarted) / 1_000_000;
        ctx.checkCancelled();
        long saveStarted = System.nanoTime();
        long memberships = store.replace(ctx.projectId(), ctx.taskId(), plan, saveEvery,
                new CommunityStore.SwapProgress() {
                    @Override
                    public void saving() {
                        ctx.progress(75, "Saving community memberships...");
                    }

                    @Override
                    public void membersWritten(long written, long total) {
                        ctx.checkCancelled();
                        ctx.progress(75 + share(14, written, total), String.format(Locale.ROOT,
                                "Saving community memberships... (%,d of %,d)", written, total));
                    }

                    @Override
                    public void counting() {
                        ctx.progress(90, "Calculating member counts...");
                    }
                });
        long saveMs = (System.nanoTime() - saveStarted) / 1_000_000;
        ObjectNode phases = Json.mapper().createObjectNode().put("load", loadMs).put("detect", detectMs)
                .put("save", saveMs);
        return Json.mapper().createObjectNode()
                .put("communities_count", count)
                .put("edges_count", memberships)
                .put("nodes", graph.nodeCount())
                .put("modularity", result.modularity())
                .put("algorithm", params.algorithm().wireName())
                .put("iterations", result.iterations())
                .put("duration_ms", (System.nanoTime() - started) / 1_000_000)
                .put("resolution", params.resolution())
                .put("seed", params.seed())
                .put("graph_edges", graph.graph().edgeCount())
                .set("phases_ms", phases);
    }

    /** {@code done/total} of {@code span} points, below {@code span} until the end (the next step takes it). */
    static int share(int span, long done, long total) {
        return total <= 0 ? 0 : (int) Math.min(span, span * done / total);
    }
}
