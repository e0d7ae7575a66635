package dev.taskstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.config.ServerSettings;
import dev.taskstream.server.task.NewTask;
import dev.taskstream.server.task.TaskEvent;
import dev.taskstream.server.task.TaskEventLog;
import dev.taskstream.server.task.TaskService;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.json.Json;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Commit-to-client latency of every progress event of one task, for M watchers on real HTTP
 * streams over loopback, next to the two polling baselines run on the same task at the same time:
 * GET /tasks/{id} every 2 s (the old desktop) and an event-log query every 1 s per watcher (the old
 * server's stream). Server and clients share this JVM, so both ends read the same System.nanoTime().
 */
public final class LatencyBenchmark {
    /** Parameters; {@code pollers} of each kind run during every watcher run. */
    public record Params(int events, int intervalMs, List<Integer> watchers, int pollers, int apiPollMs,
            int dbPollMs, List<DbChoice> databases) {
        String describe() {
            return "events=" + events + " interval=" + intervalMs + "ms watchers="
                    + watchers.stream().map(String::valueOf).collect(Collectors.joining(",")) + " pollers=" + pollers
                    + " (GET every " + apiPollMs + "ms; event-log query every " + dbPollMs + "ms) db="
                    + databases.stream().map(d -> d.mode()).collect(Collectors.joining(","));
        }
    }

    private final Params p;
    private final PrintWriter out;
    private final PrintWriter err;

    public LatencyBenchmark(Params p, PrintWriter out, PrintWriter err) {
        this.p = p;
        this.out = out;
        this.err = err;
    }

    /** One kind of receiver's figures over one or more runs. */
    private static final class Result {
        final Latencies lat = new Latencies();
        long missed;
        final List<Integer> seen = new ArrayList<>();
        int expectedPerWatcher;
        Deliveries deliveries;
    }

    public int run() throws Exception {
        boolean headerDone = false;
        for (DbChoice choice : p.databases()) {
            try (BenchDatabase db = choice.open()) {
                if (!headerDone) {
                    BenchEnv.header(out, "latency", db.label() + (p.databases().size() > 1 ? " (and the others below)" : ""),
                            p.describe());
                    headerDone = true;
                } else {
                    out.println("# database: " + db.label());
                }
                runOn(db);
            }
        }
        return 0;
    }

    private void runOn(BenchDatabase db) throws Exception {
        List<String> notes = new ArrayList<>();
        ServerSettings settings = ServerSettings.defaults(db.url()).withDb(db.url(), db.user(), db.password())
                .withPort(0).withWorkers(2).withStreamLimits(0, 0)
                .withProgressRate(0); // every event is timed: none merged
        Table table = new Table("receiver", "watchers", "events", "received/watcher", "p50 ms", "p99 ms", "max ms",
                "samples", "load");
        List<Comparison> comparisons = new ArrayList<>();
        Result apiTotal = new Result();
        Result dbTotal = new Result();
        CommitClock clock = new CommitClock();
        try (TaskstreamServer server = TaskstreamServer.start(settings, BenchHandlers.registry(), clock)) {
            notes.add(clock.placement());
            URI base = URI.create(server.baseUrl());
            BenchHttp http = new BenchHttp();
            for (int i = 0; i < p.watchers().size(); i++) {
                int m = p.watchers().get(i);
                err.println("latency on " + db.shortName() + ": " + m + " watchers, " + p.events() + " events...");
                err.flush();
                Result sse = new Result();
                // Taskstream and the bare broadcaster take turns going first, so neither always gets
                // the machine in the state the other left it in.
                Deliveries baseline = i % 2 == 1 ? baseline(m, settings) : null;
                runOnce(server, clock, base, http, m, sse, apiTotal, dbTotal);
                if (baseline == null) {
                    baseline = baseline(m, settings);
                }
                comparisons.add(new Comparison(m, sse.deliveries, baseline));
                table.row("SSE push (" + db.shortName() + ")", m, sse.expectedPerWatcher,
                        seenSummary(sse.seen, sse.expectedPerWatcher), sse.lat.p50(), sse.lat.p99(), sse.lat.max(),
                        sse.lat.count(), BenchEnv.loadAverage().split(" ")[0]);
                if (sse.missed > 0) {
                    out.println("# warning: " + sse.missed + " deliveries missing at " + m + " watchers");
                }
                if (sse.lat.clampedToZero() > 0) {
                    notes.add(sse.lat.clampedToZero() + " of " + sse.lat.count() + " deliveries at " + m
                            + " watchers reached the client up to " + Table.ms(-sse.lat.mostNegativeMillis())
                            + " ms before the commit listener ran; counted as 0 ms");
                }
            }
            String runs = p.watchers().size() > 1 ? " x" + p.watchers().size() + " runs" : "";
            table.row("poll GET /tasks/{id} every " + seconds(p.apiPollMs()), p.pollers() + runs,
                    apiTotal.expectedPerWatcher, seenSummary(apiTotal.seen, apiTotal.expectedPerWatcher),
                    apiTotal.lat.p50(), apiTotal.lat.p99(), apiTotal.lat.max(), apiTotal.lat.count(), "");
            table.row("poll event log every " + seconds(p.dbPollMs()), p.pollers() + runs,
                    dbTotal.expectedPerWatcher, seenSummary(dbTotal.seen, dbTotal.expectedPerWatcher),
                    dbTotal.lat.p50(), dbTotal.lat.p99(), dbTotal.lat.max(), dbTotal.lat.count(), "");
        }
        table.print(out);
        out.println("# latency: commit (TaskEventListener, right after the transaction) -> event dispatched in the "
                + "client; pollers: commit -> first poll answer that shows the change");
        for (Comparison c : comparisons) {
            Deliveries.printComparison(out, c.watchers + " watchers (" + db.shortName() + ")", c.taskstream,
                    c.baseline);
        }
        out.println("# baseline: " + BaselineBroadcaster.DESCRIPTION + "; same events, interval, watchers and client "
                + "code; its commit time is the moment an event is handed to it");
        notes.forEach(n -> out.println("# " + n));
        out.flush();
    }

    private record Comparison(int watchers, Deliveries taskstream, Deliveries baseline) {
    }

    private Deliveries baseline(int watchers, ServerSettings settings) throws Exception {
        err.println("latency: baseline broadcaster, " + watchers + " watchers...");
        err.flush();
        return BaselineBroadcaster.measure(watchers, p.events(), p.intervalMs(), 64, 4096,
                settings.streamBufferEvents(), timeoutMillis());
    }

    private static String seconds(int ms) {
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    private static String seenSummary(List<Integer> seen, int expected) {
        if (seen.isEmpty()) {
            return "-";
        }
        int min = seen.stream().mapToInt(i -> i).min().orElse(0);
        int max = seen.stream().mapToInt(i -> i).max().orElse(0);
        double avg = seen.stream().mapToInt(i -> i).average().orElse(0);
        if (min == max) {
            return min + " of " + expected;
        }
        return String.format(java.util.Locale.ROOT, "%.1f of %d (%d-%d)", avg, expected, min, max);
    }

    private void runOnce(TaskstreamServer server, CommitClock clock, URI base, BenchHttp http,
            int m, Result sse, Result apiTotal, Result dbTotal) throws Exception {
        String gate = "latency-" + UUID.randomUUID();
        JsonNode params = Json.mapper().createObjectNode().put("steps", p.events()).put("delay_ms", p.intervalMs())
                .put("gate", gate);
        UUID taskId = server.tasks().submit(NewTask.of(BenchHandlers.STEPS, null, params)).id();
        CommitClock.Commits commits = clock.track(taskId);
        try (Watchers watchers = Watchers.start(base, taskId, m, 64, 4096)) {
            watchers.awaitConnected(120_000);
            awaitProcessing(server.tasks(), taskId);
            // The gated task emits nothing until the gate opens: everything after this seq is measured.
            TaskEventLog eventLog = server.events();
            long gateSeq = Math.max(commits.maxSeq, eventLog.latestEvent(taskId).orElseThrow().seq());
            List<Thread> pollers = new ArrayList<>();
            List<Result> apiResults = new ArrayList<>();
            List<Result> dbResults = new ArrayList<>();
            long deadline = System.nanoTime() + timeoutMillis() * 1_000_000L;
            for (int i = 0; i < p.pollers(); i++) {
                Result a = new Result();
                Result d = new Result();
                apiResults.add(a);
                dbResults.add(d);
                pollers.add(Thread.ofVirtual().start(() -> apiPoller(http, base, taskId, commits, gateSeq, a, deadline)));
                pollers.add(Thread.ofVirtual().start(() -> dbPoller(eventLog, taskId, commits, gateSeq, d, deadline)));
            }
            Gates.open(gate);
            watchers.awaitDone(timeoutMillis());
            for (Thread t : pollers) {
                t.join();
            }
            Gates.forget(gate);
            long last = commits.terminalSeq;
            if (last < 0) {
                throw new IllegalStateException("the task did not end");
            }
            int expected = (int) (last - gateSeq);
            sse.expectedPerWatcher = expected;
            Deliveries run = Deliveries.of(watchers, gateSeq, last, seq -> commitNanos(commits, seq));
            sse.lat.add(run.perDelivery);
            sse.missed += run.missing;
            sse.seen.addAll(run.seenPerWatcher);
            sse.deliveries = run;
            for (Result a : apiResults) {
                apiTotal.lat.add(a.lat);
                apiTotal.seen.addAll(a.seen);
            }
            for (Result d : dbResults) {
                dbTotal.lat.add(d.lat);
                dbTotal.seen.addAll(d.seen);
            }
            apiTotal.expectedPerWatcher = expected;
            dbTotal.expectedPerWatcher = expected;
        } finally {
            clock.forget(taskId);
        }
    }

    private long timeoutMillis() {
        return 120_000L + (long) p.events() * Math.max(p.intervalMs(), 5) * 10;
    }

    private static void awaitProcessing(TaskService tasks, UUID taskId) throws InterruptedException {
        long until = System.currentTimeMillis() + 60_000;
        while (tasks.get(taskId).status() != TaskStatus.PROCESSING) {
            if (System.currentTimeMillis() > until) {
                throw new IllegalStateException("no worker took the bench task within 60 s");
            }
            Thread.sleep(10);
        }
    }

    /** The old desktop: GET the task every period, note each change it shows. */
    private void apiPoller(BenchHttp http, URI base, UUID taskId, CommitClock.Commits commits, long gateSeq,
            Result r, long deadline) {
        URI url = base.resolve("/api/v1/tasks/" + taskId);
        long period = p.apiPollMs() * 1_000_000L;
        long next = System.nanoTime() + ThreadLocalRandom.current().nextLong(period);
        String last = null;
        int seen = 0;
        try {
            while (System.nanoTime() < deadline) {
                Pacer.sleepUntil(next);
                next += period;
                JsonNode task = http.getJson(url);
                long now = System.nanoTime();
                String message = task.path("message").asText("");
                if (!message.equals(last)) {
                    last = message;
                    Long seq = commits.seqByMessage.get(message);
                    if (seq != null && seq > gateSeq) {
                        seen++;
                        r.lat.recordNanos(now - commitNanos(commits, seq));
                    }
                }
                if (TaskStatus.fromWire(task.path("status").asText()).isTerminal()) {
                    break;
                }
            }
        } catch (Exception e) {
            err.println("warning: a GET poller failed: " + e);
        }
        r.seen.add(seen);
    }

    /** The old server's stream: every period, ask the event log for what is new for this watcher. */
    private void dbPoller(TaskEventLog eventLog, UUID taskId, CommitClock.Commits commits, long gateSeq, Result r,
            long deadline) {
        long period = p.dbPollMs() * 1_000_000L;
        long next = System.nanoTime() + ThreadLocalRandom.current().nextLong(period);
        long after = gateSeq;
        int seen = 0;
        boolean ended = false;
        try {
            while (!ended && System.nanoTime() < deadline) {
                Pacer.sleepUntil(next);
                next += period;
                List<TaskEvent> events = eventLog.eventsAfter(taskId, after);
                long now = System.nanoTime();
                for (TaskEvent e : events) {
                    seen++;
                    r.lat.recordNanos(now - commitNanos(commits, e.seq()));
                    after = e.seq();
                    ended |= !e.name().equals("progress");
                }
            }
        } catch (Exception e) {
            err.println("warning: an event-log poller failed: " + e);
        }
        r.seen.add(seen);
    }

    /**
     * The commit time of {@code seq}; a poller may read a committed row before the listener recorded
     * it, so wait for the record (the latency then comes out at most 0).
     */
    private static long commitNanos(CommitClock.Commits commits, long seq) throws InterruptedException {
        for (int i = 0; i < 10_000; i++) {
            Long t = commits.nanosBySeq.get(seq);
            if (t != null) {
                return t;
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("no commit time recorded for seq " + seq);
    }


}
