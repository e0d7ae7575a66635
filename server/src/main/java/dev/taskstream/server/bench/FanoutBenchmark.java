package dev.taskstream.server.bench;

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
    public record Params(int streams, int events, int intervalMs, String childHeap, DbChoice database) {
        String describe() {
            return "streams=" + streams + " events=" + events + " interval=" + intervalMs + "ms server=child JVM -Xmx"
                    + childHeap + " db=" + database.mode();
        }
    }

    private static final String GATE = "fanout";
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
            try (ChildServer child = ChildServer.start(db, 2, List.of("-Xmx" + p.childHeap()))) {
                measure(child);
            }
        }
        return 0;
    }

    private void measure(ChildServer child) throws Exception {
        BenchHttp http = new BenchHttp();
        URI base = child.baseUrl();
        JsonNode body = Json.mapper().createObjectNode().put("name", BenchHandlers.STEPS)
                .set("params", Json.mapper().createObjectNode().put("steps", p.events())
                        .put("delay_ms", p.intervalMs()).put("gate", GATE));
        UUID taskId = UUID.fromString(http.postJson(base.resolve("/api/v1/tasks"), body).path("task_id").asText());
        awaitProcessing(http, base, taskId);

        Snapshot before = snapshot(child, http);
        err.println("fanout: connecting " + p.streams() + " streams...");
        err.flush();
        long connectStart = System.nanoTime();
        try (Watchers watchers = Watchers.start(base, taskId, p.streams(), 200, 2048)) {
            watchers.awaitConnected(600_000);
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            Snapshot after = snapshot(child, http);
            long gateSeq = watchers.data.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
            // nanoTime <-> wall clock, to compare client arrivals with the server's updated_at
            long epochNanos0 = toEpochNanos(Instant.now());
            long nano0 = System.nanoTime();
            err.println("fanout: " + p.streams() + " streams open; the task emits " + p.events() + " events...");
            err.flush();
            child.go(GATE);
            watchers.awaitDone(600_000 + (long) p.events() * p.intervalMs() * 10);
            long lastSeq = watchers.data.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();

            Latencies allServed = new Latencies();
            Latencies deliveries = new Latencies();
            long missing = 0;
            long firstCommit = Long.MAX_VALUE;
            long lastArrival = Long.MIN_VALUE;
            for (long seq = gateSeq + 1; seq <= lastSeq; seq++) {
                String data = watchers.data.get(seq);
                long commitEpoch = toEpochNanos(Instant.parse(Json.mapper().readTree(data).path("updated_at").asText()));
                long commitNano = nano0 + (commitEpoch - epochNanos0);
                firstCommit = Math.min(firstCommit, commitNano);
                long latest = Long.MIN_VALUE;
                for (Watchers.Watcher w : watchers.list()) {
                    long a = w.arrival(seq);
                    if (a == 0) {
                        missing++;
                        continue;
                    }
                    deliveries.recordNanos(a - commitNano);
                    latest = Math.max(latest, a);
                }
                if (latest != Long.MIN_VALUE) {
                    allServed.recordNanos(latest - commitNano);
                    lastArrival = Math.max(lastArrival, latest);
                }
            }
            long events = lastSeq - gateSeq;
            double seconds = (lastArrival - firstCommit) / 1e9;
            double perSecond = deliveries.count() / seconds;

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
                    + "threads; each stream holds a virtual thread); RSS from /proc");
            Table del = new Table("streams", "events", "deliveries", "missing", "all streams served p50 ms", "p99 ms",
                    "max ms", "per delivery p50 ms", "p99 ms", "max ms", "deliveries/s");
            del.row(p.streams(), events, deliveries.count(), missing, allServed.p50(), allServed.p99(), allServed.max(),
                    deliveries.p50(), deliveries.p99(), deliveries.max(), fmt("%.0f", perSecond));
            del.print(out);
            out.println("# commit time: the event's updated_at (server wall clock, set in the transaction, microseconds) "
                    + "vs the client's wall clock at dispatch; same machine, same clock");
            if (watchers.failures() > 0) {
                out.println("# warning: " + watchers.failures() + " stream clients failed" + watchers.failureNote());
            }
            out.flush();
        }
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
