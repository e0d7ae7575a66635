package dev.taskstream.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskstream.server.TaskTypes;
import dev.taskstream.server.task.TaskContext;
import dev.taskstream.server.task.TaskHandler;
import dev.taskstream.server.task.TaskRegistry;
import dev.taskstream.shared.json.Json;

/**
 * Task types for the app's tests, registered next to the production ones.
 *
 * <p>STAND-IN: while the real {@code rebuild_communities} task is not in {@link TaskTypes#production()} (it is being
 * added on another branch), {@link #registry()} registers {@link StandInRebuild} under that name, so the rebuild
 * flow (button → confirm → progress → statistics → reload) runs against a real server today. Once the real task is
 * there, {@link #REAL_REBUILD} is true, the stand-in is not registered and the tests use the real task and its
 * endpoint. To remove the stand-in later: delete {@link StandInRebuild} and the branch in {@link #registry()}.
 */
public final class TestTasks {
    public static final String REBUILD = "rebuild_communities";
    /** Whether the production registry has the real rebuild task (and the server its endpoint). */
    public static final boolean REAL_REBUILD = true; // the server always has it now (see TaskstreamServer)

    private TestTasks() {
    }

    public static TaskRegistry registry() {
        TaskRegistry r = TaskTypes.production();
        if (!REAL_REBUILD) {
            r.register(new StandInRebuild());
        }
        return r.register(new Slow()).register(new Fail());
    }

    /**
     * STAND-IN for the real {@code rebuild_communities} (test code only): the real task's steps and messages
     * (10 removing → 30..50 detecting → 50 found → 75 saving → 90 counting → 100), {@link #stepMillis} apart,
     * cancellable, one per project, with a result of the real shape.
     */
    public static final class StandInRebuild implements TaskHandler {
        public static volatile long stepMillis = 60;

        @Override
        public String name() {
            return REBUILD;
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
        public JsonNode run(TaskContext ctx) throws InterruptedException {
            long t0 = System.currentTimeMillis();
            step(ctx, 10, "Removing existing communities...");
            step(ctx, 30, "Detecting communities...");
            for (int p = 34; p < 50; p += 4) {
                step(ctx, p, "Detecting communities... (iteration " + (p - 30) / 4 + ")");
            }
            step(ctx, 50, "Found 42 communities...");
            step(ctx, 75, "Saving community memberships...");
            step(ctx, 90, "Calculating member counts...");
            ObjectNode result = Json.mapper().createObjectNode();
            result.put("communities_count", 42).put("edges_count", 1234).put("nodes", 1234)
                    .put("modularity", 0.6172).put("algorithm", ctx.params().path("algorithm").asText("leiden"))
                    .put("iterations", 4).put("duration_ms", System.currentTimeMillis() - t0);
            return result;
        }

        private static void step(TaskContext ctx, int pct, String message) throws InterruptedException {
            Thread.sleep(stepMillis);
            ctx.progress(pct, message);
        }
    }

    /**
     * {@code app_test_slow}: {@code steps} progress steps (default 50), {@code step_ms} apart (default 100),
     * cancellable, one per project; for cancellation, server restarts and 409s.
     */
    public static final class Slow implements TaskHandler {
        public static final String NAME = "app_test_slow";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean exclusivePerProject() {
            return true;
        }

        @Override
        public JsonNode run(TaskContext ctx) throws InterruptedException {
            int steps = ctx.params().path("steps").asInt(50);
            long delay = ctx.params().path("step_ms").asLong(100);
            for (int i = 1; i <= steps; i++) {
                Thread.sleep(delay);
                ctx.progress(i * 100 / (steps + 1), "step " + i + " of " + steps);
            }
            return Json.mapper().createObjectNode().put("steps", steps);
        }
    }

    /** {@code app_test_fail}: one step, then fails with "boom". */
    public static final class Fail implements TaskHandler {
        public static final String NAME = "app_test_fail";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public JsonNode run(TaskContext ctx) {
            ctx.progress(50, "about to fail");
            throw new IllegalStateException("boom");
        }
    }
}
