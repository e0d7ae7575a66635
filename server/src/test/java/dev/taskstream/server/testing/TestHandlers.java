package dev.taskstream.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.task.TaskContext;
import dev.taskstream.server.task.TaskHandler;
import dev.taskstream.server.task.TaskRegistry;
import dev.taskstream.shared.json.Json;

/** Task types that tests register to exercise the engine (the production jar ships none of these). */
public final class TestHandlers {
    private TestHandlers() {
    }

    public static TaskRegistry registry() {
        return new TaskRegistry().register(new Steps()).register(new Hold()).register(new Fail());
    }

    /**
     * {@code test_steps}: {@code steps} progress events, {@code delay_ms} apart, messages padded by
     * {@code pad} characters; result {@code {steps}}. With {@code stages} (names), the steps are split
     * evenly among the stages and each message starts with its stage's name instead of "step".
     */
    public static final class Steps implements TaskHandler {
        @Override
        public String name() {
            return "test_steps";
        }

        @Override
        public JsonNode run(TaskContext ctx) throws InterruptedException {
            int steps = ctx.params().path("steps").asInt(5);
            long delay = ctx.params().path("delay_ms").asLong(0);
            String pad = ctx.params().has("pad") ? " " + "x".repeat(ctx.params().get("pad").asInt()) : "";
            JsonNode stages = ctx.params().path("stages");
            for (int i = 1; i <= steps; i++) {
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                String stage = stages.isEmpty() ? "step" : stages.get((i - 1) * stages.size() / steps).asText();
                ctx.progress(i * 100 / (steps + 1), stage + " " + i + " of " + steps + pad);
            }
            return Json.mapper().createObjectNode().put("steps", steps);
        }
    }

    /**
     * {@code test_hold}: keeps running (checking for cancellation) for {@code hold_ms}, default
     * effectively forever; used for cancellation, leases and shutdown.
     */
    public static final class Hold implements TaskHandler {
        @Override
        public String name() {
            return "test_hold";
        }

        @Override
        public boolean exclusivePerProject() {
            return true;
        }

        @Override
        public JsonNode run(TaskContext ctx) throws InterruptedException {
            long until = System.currentTimeMillis() + ctx.params().path("hold_ms").asLong(600_000);
            ctx.progress(1, "holding");
            while (System.currentTimeMillis() < until) {
                Thread.sleep(20);
                ctx.checkCancelled();
            }
            return null;
        }
    }

    /** {@code test_fail}: fails with "boom" after one progress step. */
    public static final class Fail implements TaskHandler {
        @Override
        public String name() {
            return "test_fail";
        }

        @Override
        public JsonNode run(TaskContext ctx) {
            ctx.progress(50, "about to fail");
            throw new IllegalStateException("boom");
        }
    }
}
