package dev.taskstream.server.community;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.db.Database;
import dev.taskstream.server.task.TaskCancelledException;
import dev.taskstream.server.task.TaskContext;
import dev.taskstream.server.task.TaskHandler;
import dev.taskstream.shared.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code rebuild_communities}: detects the communities of a project's graph and replaces its
 * communities. Steps: 10 "Removing existing communities..." (announced; the old set is removed in
 * the final swap, so readers never see an empty set) → 30 "Detecting communities..." (graph loaded
 * in one streaming query; then 30–49 "Detecting communities... (iteration N)" while the algorithm
 * iterates) → 50 "Found N communities..." → 75 "Saving community memberships..." → 90 "Calculating
 * member counts..." → completed, 100 "Community rebuild completed".
 */
public final class RebuildCommunitiesHandler implements TaskHandler {
    private static final Logger log = LoggerFactory.getLogger(RebuildCommunitiesHandler.class);
    public static final String NAME = "rebuild_communities";

    private final Database db;
    private final CommunityStore store;
    private final CommunityDetector detector = new CommunityDetector();

    public RebuildCommunitiesHandler(Database db, CommunityStore store) {
        this.db = db;
        this.store = store;
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
            throw new IllegalArgumentException("rebuild_communities needs a project_id");
        }
        RebuildParams params = RebuildParams.parse(ctx.params());
        ctx.progress(10, "Removing existing communities...");
        ctx.progress(30, "Detecting communities...");
        long loadStarted = System.nanoTime();
        ProjectGraph graph = ProjectGraph.load(db, ctx.projectId(), ctx::checkCancelled);
        log.info("rebuild {}: loaded project {} ({} entities, {} edge rows) in {} ms", ctx.taskId(), ctx.projectId(),
                graph.nodeCount(), graph.edgeRows(), (System.nanoTime() - loadStarted) / 1_000_000);
        ctx.checkCancelled();
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
        ctx.checkCancelled();
        long memberships = store.replace(ctx.projectId(), ctx.taskId(), plan, new CommunityStore.SwapProgress() {
            @Override
            public void saving() {
                ctx.progress(75, "Saving community memberships...");
            }

            @Override
            public void batchWritten() {
                ctx.checkCancelled();
            }

            @Override
            public void counting() {
                ctx.progress(90, "Calculating member counts...");
            }
        });
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
                .put("graph_edges", graph.graph().edgeCount());
    }
}
