package dev.taskstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.task.TaskContext;
import dev.taskstream.server.task.TaskHandler;
import dev.taskstream.server.task.TaskRegistry;
import dev.taskstream.shared.json.Json;

/** Task types that only the benchmarks register (the production registry never sees them). */
public final class BenchHandlers {
    public static final String STEPS = "bench_steps";
    public static final String NOOP = "bench_noop";

    private BenchHandlers() {
    }

    public static TaskRegistry registry() {
        return new TaskRegistry().register(new Steps()).register(new Noop());
    }

    /** Waits for the gate named by the {@code gate} parameter, if any, checking for cancellation once a second. */
    static void awaitGate(TaskContext ctx) throws InterruptedException {
        String gate = ctx.params().path("gate").asText("");
        if (gate.isEmpty()) {
            return;
        }
        while (!Gates.await(gate, 1000)) {
            ctx.checkCancelled();
        }
    }

    /**
     * {@code bench_steps}: after its gate opens, {@code steps} progress events on a fixed schedule of one per
     * {@code delay_ms} ({@link Pacer}), each with a distinct message ({@code step i of N}), then completes.
     */
    static final class Steps implements TaskHandler {
        @Override
        public String name() {
            return STEPS;
        }

        @Override
        public JsonNode run(TaskContext ctx) throws InterruptedException {
            awaitGate(ctx);
            int steps = ctx.params().path("steps").asInt(200);
            Pacer pacer = new Pacer(ctx.params().path("delay_ms").asLong(10));
            for (int i = 1; i <= steps; i++) {
                pacer.awaitNext();
                ctx.progress(Math.min(99, i * 100 / (steps + 1)), "step " + i + " of " + steps);
            }
            return Json.mapper().createObjectNode().put("steps", steps);
        }
    }

    /** {@code bench_noop}: completes at once (after its gate, if any). */
    static final class Noop implements TaskHandler {
        @Override
        public String name() {
            return NOOP;
        }

        @Override
        public JsonNode run(TaskContext ctx) throws InterruptedException {
            awaitGate(ctx);
            return null;
        }
    }
}
