package dev.taskstream.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.TaskTypes;
import dev.taskstream.server.task.TaskContext;
import dev.taskstream.server.task.TaskHandler;
import dev.taskstream.server.task.TaskRegistry;
import dev.taskstream.shared.json.Json;

/**
 * Task types for the app's tests, registered next to the production ones (which include the real
 * {@code rebuild_communities}).
 */
public final class TestTasks {
    public static final String REBUILD = "rebuild_communities";

    private TestTasks() {
    }

    public static TaskRegistry registry() {
        return TaskTypes.production().register(new Slow()).register(new SlowWriter()).register(new Fail());
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

    /**
     * {@code app_test_slow_writer}: {@link Slow}'s steps in the exclusive group of imports and rebuilds, so while it
     * runs the project refuses both with a 409 (a long import or rebuild by another client, without its timing).
     */
    public static final class SlowWriter implements TaskHandler {
        public static final String NAME = "app_test_slow_writer";
        private final Slow steps = new Slow();

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean exclusivePerProject() {
            return true;
        }

        @Override
        public String exclusiveGroup() {
            return REBUILD;
        }

        @Override
        public JsonNode run(TaskContext ctx) throws InterruptedException {
            return steps.run(ctx);
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
