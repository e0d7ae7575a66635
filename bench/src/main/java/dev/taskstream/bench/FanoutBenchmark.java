package dev.taskstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.shared.json.Json;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * S concurrent streams of one task on ONE server process (a child JVM with a fixed heap): the
 * server's heap and threads per open stream, then, for each event of the task, the time until every
 * stream had it, and the deliveries per second overall. Clients run in this JVM on virtual threads.
 */
public final class FanoutBenchmark {
    public record Params(int streams, int events, int intervalMs, String childHeap, DbChoice database, int rounds) {
        String describe() {
            return "streams=" + streams + " events=" + events + " interval=" + intervalMs + "ms server=child JVM -Xmx"
                    + childHeap + " db=" + database.mode() + " rounds=" + rounds;
        }
    }

    private static final String GATE = "fanout";
    /** The baseline drops a client with this many frames waiting, as Taskstream does by default. */
    private static final int BASELINE_QUEUE = 256;
    private final Params p;
    private final PrintWriter out;
    private final PrintWriter err;

    public FanoutBenchmark(Params p, PrintWriter out, PrintWriter err) {
        this.p = p;
        this.out = out;
        this.err = err;
    }

    /** Open-file limit of this JVM (the child inherits it), or -1 when unknown. */
    public static long maxFileDescriptors() {
        return BenchEnv.maxFileDescriptors();
    }

    public int run() throws Exception {
        try (BenchDatabase db = p.database().open()) {
            BenchEnv.header(out, "fanout", db.label(), p.describe());
            long fds = BenchEnv.maxFileDescriptors();
            out.println("# open-file limit (ulimit -n) of this JVM: " + (fds < 0 ? "unknown" : fds)
                    + "; the child inherits it; each side holds one socket per stream");
            for (int round = 0; round < p.rounds(); round++) {
                // Taskstream and the baseline take turns going first.
                Deliveries baseline = round % 2 == 1 ? measureBaseline() : null;
                Deliveries taskstream;
                try (ChildServer child = ChildServer.start(db, 2, List.of("-Xmx" + p.childHeap()))) {
                    taskstream = measure(child);
                }
                if (baseline == null) {
                    baseline = measureBaseline();
                }
                printDeliveries(taskstream, baseline);
                Deliveries.printComparison(out, p.streams() + " streams, round " + (round + 1), taskstream, baseline);
            }
            out.println("# commit time: the event's updated_at (server wall clock, set in the transaction; the "
                    + "baseline's when it encodes the event) vs the client's wall clock at dispatch; same machine");
            out.println("# baseline: " + BaselineBroadcaster.DESCRIPTION.replace("in the bench JVM", "in a child JVM -Xmx"
                    + p.childHeap()));
            out.flush();
        }
        return 0;
    }

    /** Taskstream's heap and threads per stream, then its deliveries; null deliveries if it failed. */
    private Deliveries measure(ChildServer child) throws Exception {
        BenchHttp http = new BenchHttp();
        URI base = child.baseUrl();
        JsonNode body = Json.mapper().createObjectNode().put("name", BenchHandlers.STEPS)
                .set("params", Json.mapper().createObjectNode().put("steps", p.events())
                        .put("delay_ms", p.intervalMs()).put("gate", GATE));
        UUID taskId = UUID.fromString(http.postJson(base.resolve("/api/v1/tasks"), body).path("task_id").asText());
        awaitProcessing(http, base, taskId);

        Snapshot before = snapshot(child, http);
        err.println("fanout: connecting " + p.streams() + " streams to Taskstream...");
        err.flush();
        long connectStart = System.nanoTime();
        try (Watchers watchers = Watchers.start(base, taskId, p.streams(), 200, 2048)) {
            watchers.awaitConnected(600_000);
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            Snapshot after = snapshot(child, http);
            Table res = new Table("streams", "connect s", "heap MiB before", "heap MiB open", "heap/stream KiB",
                    "threads before", "threads open", "threads/stream", "RSS/stream KiB", "streams_open", "load");
            res.row(p.streams(), fmt("%.1f", connectSeconds), mib(before.heap), mib(after.heap),
                    fmt("%.1f", (after.heap - before.heap) / 1024.0 / p.streams()), (long) before.threads,
                    (long) after.threads, fmt("%.4f", (after.threads - before.threads) / p.streams()),
                    before.rss < 0 ? "-" : fmt("%.1f", (after.rss - before.rss) / 1024.0 / p.streams()),
                    (long) after.streamsOpen, BenchEnv.loadAverage().split(" ")[0]);
            res.print(out);
            out.println("# heap: jvm_memory_used_bytes{area=\"heap\"} of the server after " + (before.gcRan
                    ? "jcmd GC.run" : "no forced GC (jcmd not found)") + "; threads: jvm_threads_current (platform "
                    + "threads; a live stream holds no thread, its writes run on the sse-writer loops); RSS from /proc");
            out.flush();
            return emitAndCollect(child, watchers, "Taskstream");
        }
    }

    /** The same streams and events served by a {@link BaselineBroadcaster} in its own child JVM. */
    private Deliveries measureBaseline() throws Exception {
        try (ChildServer child = ChildServer.startBaseline(p.events(), p.intervalMs(), BASELINE_QUEUE,
                List.of("-Xmx" + p.childHeap()))) {
            err.println("fanout: connecting " + p.streams() + " streams to the baseline broadcaster...");
            err.flush();
            try (Watchers watchers = Watchers.start(child.baseUrl(), UUID.randomUUID(), p.streams(), 200, 2048)) {
                watchers.awaitConnected(600_000);
                return emitAndCollect(child, watchers, "baseline");
            }
        }
    }

    /**
     * Opens the gate, waits until every stream ended, and measures each event from its commit: the
     * event's {@code updated_at} (server wall clock, microseconds) against the client's wall clock.
     */
    private Deliveries emitAndCollect(ChildServer child, Watchers watchers, String who) throws Exception {
        long gateSeq = watchers.data.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        long epochNanos0 = toEpochNanos(Instant.now());
        long nano0 = System.nanoTime();
        err.println("fanout: " + who + ": " + p.streams() + " streams open; " + p.events() + " events...");
        err.flush();
        child.go(GATE);
        watchers.awaitDone(600_000 + (long) p.events() * p.intervalMs() * 10);
        long lastSeq = watchers.data.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        if (watchers.failures() > 0) {
            out.println("# warning: " + watchers.failures() + " " + who + " stream clients failed"
                    + watchers.failureNote());
        }
        return Deliveries.of(watchers, gateSeq, lastSeq, seq -> {
            String data = watchers.data.get(seq);
            long commitEpoch = toEpochNanos(Instant.parse(Json.mapper().readTree(data).path("updated_at").asText()));
            return nano0 + (commitEpoch - epochNanos0);
        });
    }

    private void printDeliveries(Deliveries taskstream, Deliveries baseline) {
        Table del = new Table("server", "streams", "events", "deliveries", "missing", "all streams served p50 ms",
                "p99 ms", "max ms", "per delivery p50 ms", "p99 ms", "max ms", "deliveries/s", "load");
        for (Deliveries d : List.of(taskstream, baseline)) {
            del.row(d == taskstream ? "Taskstream" : "baseline", p.streams(), d.events, d.perDelivery.count(),
                    d.missing, d.allServed.p50(), d.allServed.p99(), d.allServed.max(), d.perDelivery.p50(),
                    d.perDelivery.p99(), d.perDelivery.max(), fmt("%.0f", d.perSecond), d.load);
        }
        del.print(out);
    }

    private record Snapshot(double heap, double threads, double streamsOpen, long rss, boolean gcRan) {
    }

    private static Snapshot snapshot(ChildServer child, BenchHttp http) throws Exception {
        boolean gc = child.gc();
        Thread.sleep(500);
        String m = http.get(child.baseUrl().resolve("/metrics"));
        return new Snapshot(BenchHttp.metric(m, "jvm_memory_used_bytes", "area=\"heap\""),
                BenchHttp.metric(m, "jvm_threads_current", null),
                BenchHttp.metric(m, "taskstream_streams_open", null), child.residentBytes(), gc);
    }

    static void awaitProcessing(BenchHttp http, URI base, UUID taskId) throws Exception {
        long until = System.currentTimeMillis() + 60_000;
        while (!http.getJson(base.resolve("/api/v1/tasks/" + taskId)).path("status").asText().equals("processing")) {
            if (System.currentTimeMillis() > until) {
                throw new IllegalStateException("no worker took the bench task within 60 s");
            }
            Thread.sleep(20);
        }
    }

    private static long toEpochNanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static String mib(double bytes) {
        return fmt("%.1f", bytes / (1 << 20));
    }

    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }
}
