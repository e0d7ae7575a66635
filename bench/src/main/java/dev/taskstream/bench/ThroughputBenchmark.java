package dev.taskstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskstream.shared.api.BatchRequest;
import dev.taskstream.shared.json.Json;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Tasks claimed and completed per second by P server processes (child JVMs) sharing one database,
 * with a handler that completes at once, with the Postgres commits, WAL bytes and rows written per task; beside the same
 * statements by bare JDBC and optionally graphile-worker on the same database (--compare); then the enqueue-to-start latency (started_at -
 * created_at) of tasks submitted at a steady rate below saturation.
 */
public final class ThroughputBenchmark {
    /** {@code graphile} is null unless {@code --compare} asked for graphile-worker on the same database. */
    public record Params(int tasks, int warmupTasks, int processes, int workers, int latencyTasks, int ratePerSecond,
            DbChoice database, Path graphileScript, Path graphileModules) {
        String describe() {
            return "tasks=" + tasks + " warmup=" + warmupTasks + " processes=" + processes + " workers/process=" + workers + " latency-tasks="
                    + latencyTasks + " at " + ratePerSecond + "/s db=" + database.mode()
                    + " (handler bench_noop: completes at once; burst enqueued with POST /api/v1/tasks/batch)";
        }
    }

    private static final String GATE = "throughput";
    private static final String WARMUP_GATE = "warmup";
    private static final String BURST_PROJECT = "bench-burst";
    private static final String WARMUP_PROJECT = "bench-warmup";
    private static final String STEADY_PROJECT = "bench-steady";

    private final Params p;
    private final PrintWriter out;
    private final PrintWriter err;
    private final BenchHttp http = new BenchHttp();

    public ThroughputBenchmark(Params p, PrintWriter out, PrintWriter err) {
        this.p = p;
        this.out = out;
        this.err = err;
    }

    public int run() throws Exception {
        try (BenchDatabase db = p.database().open()) {
            BenchEnv.header(out, "throughput", db.label(), p.describe());
            List<ChildServer> children = new ArrayList<>();
            try {
                // Started together; Flyway serialises their migrations with a database lock.
                List<CompletableFuture<ChildServer>> starting = new ArrayList<>();
                for (int i = 0; i < p.processes(); i++) {
                    starting.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return ChildServer.start(db, p.workers(), List.of("-Xmx512m"));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                }
                RuntimeException failed = null;
                for (CompletableFuture<ChildServer> f : starting) {
                    try {
                        children.add(f.join());
                    } catch (RuntimeException e) {
                        failed = failed == null ? e : failed;
                    }
                }
                if (failed != null) {
                    throw failed;
                }
                GraphileComparison graphile = graphile();
                if (p.warmupTasks() > 0) {
                    warmUp(children);
                }
                Burst burst = burst(children, db);
                compare(graphile, db, burst);
                if (p.latencyTasks() > 0) {
                    steady(children);
                }
            } finally {
                for (ChildServer c : children) {
                    c.close();
                }
            }
        }
        return 0;
    }

    /**
     * The timed burst's rate, CPU per task (ms; -1 where not measured) and Postgres's work (null on H2), which the
     * comparison prints beside its own.
     */
    private record Burst(double tasksPerSecond, double serverCpu, double postgresCpu, PgActivity.Delta used) {
    }

    /** Enqueue every task (held at a gate), open the gate in every process at once, time the drain. */
    private Burst burst(List<ChildServer> children, BenchDatabase db) throws Exception {
        try (PgActivity activity = db.kind() == BenchDatabase.Kind.POSTGRES ? new PgActivity(db).reserveWal() : null) {
            return burst(children, activity);
        }
    }

    private Burst burst(List<ChildServer> children, PgActivity activity) throws Exception {
        PgActivity.Reading before = activity == null ? null : activity.read();
        err.println("throughput: enqueueing " + p.tasks() + " tasks...");
        err.flush();
        long e0 = System.nanoTime();
        submitBatches(children, p.tasks(), BURST_PROJECT, GATE);
        double enqueueSeconds = (System.nanoTime() - e0) / 1e9;
        err.println("throughput: opening the gate in " + children.size() + " processes...");
        err.flush();
        List<Long> pids = children.stream().map(ChildServer::pid).toList();
        long serverCpu0 = ProcessCpu.millis(pids);
        long pgCpu0 = ProcessCpu.postgresMillis();
        Instant go = Instant.now();
        for (ChildServer c : children) {
            c.go(GATE);
        }
        awaitEnded(children, BURST_PROJECT, p.tasks());
        double serverCpu = perTask(serverCpu0, ProcessCpu.millis(pids));
        double postgresCpu = perTask(pgCpu0, ProcessCpu.postgresMillis());
        List<JsonNode> tasks = list(children.getFirst().baseUrl(), BURST_PROJECT);
        Instant last = tasks.stream().map(t -> Instant.parse(t.path("completed_at").asText())).max(Instant::compareTo)
                .orElseThrow();
        double seconds = Duration.between(go, last).toNanos() / 1e9;
        Map<String, Integer> byNode = new TreeMap<>();
        for (JsonNode t : tasks) {
            byNode.merge(t.path("worker_id").asText(), 1, Integer::sum);
        }
        List<String> split = new ArrayList<>();
        for (ChildServer c : children) {
            split.add(String.valueOf(byNode.getOrDefault(c.nodeId(), 0)));
        }
        long failed = tasks.stream().filter(t -> !t.path("status").asText().equals("completed")).count();
        String load = BenchEnv.loadAverage().split(" ")[0];
        PgActivity.Delta used = activity == null ? null : activity.since(before);
        Table table = new Table("processes", "workers each", "tasks", "enqueue s", "gate -> last completed s",
                "tasks/s", "server CPU ms/task", "Postgres CPU ms/task", "commits/task", "WAL bytes/task (database)",
                "of it full-page images",
                "WAL bytes/task (cluster)", "rows ins/upd (HOT)/del per task", "completed per process",
                "not completed", "load");
        table.row(children.size(), p.workers(), tasks.size(), fmt("%.2f", enqueueSeconds), fmt("%.2f", seconds),
                fmt("%.0f", tasks.size() / seconds), cpu(serverCpu), cpu(postgresCpu),
                used == null ? "-" : fmt("%.2f", used.commits() / (double) p.tasks()),
                used == null ? "-" : perUnit(used.databaseWal().bytes(), p.tasks()),
                used == null ? "-" : perUnit(used.databaseWal().fullPageImageBytes(), p.tasks()),
                used == null ? "-" : perUnit(used.walBytes(), p.tasks()),
                used == null ? "-" : rows(used.rows(), p.tasks()), String.join(" / ", split), failed, load);
        table.print(out);
        out.println("# all tasks enqueued first (batches of " + BatchRequest.MAX_TASKS + ", waiting at a gate), then "
                + "released in every process at once; each process claims for its free worker slots in one "
                + "statement "
                + "(FOR UPDATE SKIP LOCKED on Postgres); time from the gate to the last completed_at");
        out.println("# CPU ms/task: user + system CPU from /proc during the burst (gate to last completion), of "
                + "the server processes and of every postgres process on this machine, divided by the tasks");
        out.println("# commits/task: pg_stat_database.xact_commit of the bench database from before the enqueue to "
                + "after the last completion; WAL (cluster): pg_current_wal_flush_lsn() delta of the whole cluster, so "
                + "other databases' writes meanwhile count too; WAL (database): the records of that span that touch "
                + "the bench database and its transactions' commits (pg_walinspect; '-' where it cannot be loaded), and "
                + "of it the full-page images, which grow with how often the cluster checkpoints (others' writes "
                + "count there); rows: pg_stat_user_tables n_tup_ins / n_tup_upd (n_tup_hot_upd) / n_tup_del of the bench schema");
        if (used != null && !used.walByRelation().isEmpty()) {
            List<String> parts = new ArrayList<>();
            used.walByRelation().forEach((rel, bytes) -> parts.add(rel + " " + fmt("%.0f", bytes / (double) p.tasks())));
            out.println("# WAL bytes/task (database) without full-page images, by relation: " + String.join(", ", parts));
        }
        out.flush();
        return new Burst(tasks.size() / seconds, serverCpu, postgresCpu, used);
    }

    /**
     * A burst like the timed one, before it, in other projects: the child JVMs are fresh, and without it the
     * timed burst also measures their JIT compiling the engine's code paths (about half their CPU in a
     * 2,000-task burst). Its rate is printed, not used.
     */
    private void warmUp(List<ChildServer> children) throws Exception {
        err.println("throughput: warm-up burst of " + p.warmupTasks() + " tasks...");
        err.flush();
        submitBatches(children, p.warmupTasks(), WARMUP_PROJECT, WARMUP_GATE);
        long t0 = System.nanoTime();
        for (ChildServer c : children) {
            c.go(WARMUP_GATE);
        }
        awaitEnded(children, WARMUP_PROJECT, p.warmupTasks());
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.println("# warm-up: " + p.warmupTasks() + " tasks in " + fmt("%.2f", seconds) + " s (about "
                + fmt("%.0f", p.warmupTasks() / seconds) + " tasks/s, cold JVMs; ends seen as each process "
                + "reports them); the timed burst below runs in the warmed-up processes");
        out.flush();
    }

    private double perTask(long before, long after) {
        return before < 0 || after < 0 ? -1 : (after - before) / (double) p.tasks();
    }

    /** Bytes per unit, or '-' when not measured (negative). */
    private static String perUnit(long bytes, int units) {
        return bytes < 0 ? "-" : fmt("%.0f", bytes / (double) units);
    }

    private static String rows(PgActivity.Rows r, int units) {
        return fmt("%.2f", r.inserted() / (double) units) + " / " + fmt("%.2f", r.updated() / (double) units) + " ("
                + fmt("%.2f", r.hotUpdated() / (double) units) + ") / " + fmt("%.2f", r.deleted() / (double) units);
    }

    private static String cpu(double msPerTask) {
        return msPerTask < 0 ? "-" : fmt("%.2f", msPerTask);
    }

    /**
     * The same burst beside its references: the engine's statements by bare JDBC ({@link BareSqlQueue}, Postgres
     * only) and, with {@code --compare}, graphile-worker with the same job count, processes and concurrency.
     */
    private void compare(GraphileComparison graphile, BenchDatabase db, Burst burst) throws Exception {
        Table table = new Table("system", "jobs", "processes x concurrency", "start -> last done s", "jobs/s",
                "client CPU ms/job", "Postgres CPU ms/job", "WAL bytes/job (database)", "without full-page images",
                "rows ins/upd (HOT)/del per job",
                "load");
        PgActivity.Delta used = burst.used();
        table.row("taskstream", p.tasks(), p.processes() + " x " + p.workers(), "-",
                fmt("%.0f", burst.tasksPerSecond()), cpu(burst.serverCpu()), cpu(burst.postgresCpu()),
                used == null ? "-" : perUnit(used.databaseWal().bytes(), p.tasks()),
                used == null ? "-" : perUnit(used.databaseWal().withoutImages(), p.tasks()),
                used == null ? "-" : rows(used.rows(), p.tasks()), "-");
        BareSqlQueue.Result bare = null;
        if (db.kind() == BenchDatabase.Kind.POSTGRES) {
            err.println("throughput: the same statements by bare JDBC, " + p.tasks() + " tasks...");
            err.flush();
            BareSqlQueue queue = new BareSqlQueue(db);
            if (p.warmupTasks() > 0) {
                queue.run(p.warmupTasks(), p.processes(), p.workers()); // this JVM's JIT, as the servers' warm-up
            }
            bare = queue.run(p.tasks(), p.processes(), p.workers());
            table.row("same statements, bare JDBC", bare.tasks(), p.processes() + " x " + p.workers(),
                    fmt("%.2f", bare.seconds()), fmt("%.0f", bare.tasksPerSecond()), cpu(bare.clientCpuMsPerTask()),
                    cpu(bare.postgresCpuMsPerTask()), "-", "-", "-", BenchEnv.loadAverage().split(" ")[0]);
        }
        GraphileComparison.Result g = null;
        if (graphile != null) {
            err.println("throughput: graphile-worker, " + p.tasks() + " jobs added in one batch...");
            err.flush();
            PgActivity.DatabaseWal gWal;
            try (PgActivity activity = new PgActivity(db).reserveWal()) {
                g = graphile.run(db, p.tasks(), p.processes(), p.workers());
                gWal = activity.databaseWal(g.walFrom(), g.walTo());
            }
            table.row("graphile-worker " + g.version() + " (addJobs batch)", g.jobs(), p.processes() + " x "
                    + p.workers(), fmt("%.2f", g.seconds()), fmt("%.0f", g.jobsPerSecond()),
                    cpu(g.workerCpuMsPerJob()), cpu(g.postgresCpuMsPerJob()),
                    perUnit(gWal.bytes(), g.jobs()), perUnit(gWal.withoutImages(), g.jobs()),
                    rows(g.rows(), g.jobs()), BenchEnv.loadAverage().split(" ")[0]);
        }
        if (bare == null && g == null) {
            return;
        }
        table.print(out);
        if (bare != null) {
            out.println("# ratio taskstream / bare JDBC: " + fmt("%.2f", burst.tasksPerSecond() / bare.tasksPerSecond())
                    + "x; bare JDBC: the engine's Postgres statements for each task (claim with its Started events, "
                    + "lock, update and Completed events with their NOTIFY), one thread and connection per process "
                    + "claiming " + p.workers() + " at a time, in this bench's JVM (client CPU: this JVM)");
        }
        if (g != null) {
            out.println("# ratio taskstream / graphile-worker: " + fmt("%.2f", burst.tasksPerSecond() / g.jobsPerSecond())
                    + "x" + (bare == null ? "" : "; bare JDBC / graphile-worker: "
                    + fmt("%.2f", bare.tasksPerSecond() / g.jobsPerSecond()) + "x")
                    + "; graphile-worker: jobs added with addJobs in one batch, all due at one instant (its gate), "
                    + "pollInterval 100 ms, timed from that instant to the last job done; its CPU from just before "
                    + "that instant to the last job done (worker processes: process.cpuUsage(); Postgres: /proc); its "
                    + "WAL from before addJobs to after its workers stopped, its rows those of its schema (it deletes "
                    + "each job when done); Taskstream's WAL and rows as in the table above (enqueue included)");
        }
        out.flush();
    }

    private GraphileComparison graphile() {
        if (p.graphileScript() == null) {
            return null;
        }
        GraphileComparison g = new GraphileComparison(p.graphileScript(), p.graphileModules());
        String problem = g.problem();
        if (problem != null) {
            throw new IllegalStateException("--compare: " + problem);
        }
        return g;
    }

    /** The gated burst in batches of {@link BatchRequest#MAX_TASKS}, round-robin over the processes. */
    private void submitBatches(List<ChildServer> children, int n, String project, String gate) throws Exception {
        ObjectNode task = Json.mapper().createObjectNode().put("name", BenchHandlers.NOOP).put("project_id", project);
        task.set("params", Json.mapper().createObjectNode().put("gate", gate));
        for (int sent = 0, i = 0; sent < n; i++) {
            int size = Math.min(BatchRequest.MAX_TASKS, n - sent);
            ArrayNode tasks = Json.mapper().createArrayNode();
            for (int k = 0; k < size; k++) {
                tasks.add(task);
            }
            ObjectNode body = Json.mapper().createObjectNode();
            body.set("tasks", tasks);
            http.postJson(children.get(i % children.size()).baseUrl().resolve("/api/v1/tasks/batch"), body);
            sent += size;
        }
    }

    /** Tasks submitted at a steady rate, round-robin over the processes: started_at - created_at. */
    private void steady(List<ChildServer> children) throws Exception {
        err.println("throughput: " + p.latencyTasks() + " tasks at " + p.ratePerSecond() + "/s for the start latency...");
        err.flush();
        submitAll(children, p.latencyTasks(), STEADY_PROJECT, p.ratePerSecond());
        awaitEnded(children, STEADY_PROJECT, p.latencyTasks());
        Latencies lat = new Latencies();
        for (JsonNode t : list(children.getFirst().baseUrl(), STEADY_PROJECT)) {
            Instant created = Instant.parse(t.path("created_at").asText());
            Instant started = Instant.parse(t.path("started_at").asText());
            lat.recordNanos(Duration.between(created, started).toNanos());
        }
        Table table = new Table("processes", "tasks", "submitted/s", "enqueue->start p50 ms", "p99 ms", "max ms",
                "load");
        table.row(children.size(), lat.count(), p.ratePerSecond(), lat.p50(), lat.p99(), lat.max(),
                BenchEnv.loadAverage().split(" ")[0]);
        table.print(out);
        out.println("# started_at - created_at from the tasks API; each task submitted over HTTP to the next process "
                + "in turn, so most are claimed after a NOTIFY (Postgres) or a local wake-up");
        out.flush();
    }

    private void submitAll(List<ChildServer> children, int n, String project, int rate)
            throws Exception {
        Semaphore inFlight = new Semaphore(16);
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                if (rate > 0) {
                    Pacer.sleepUntil(start + (long) (i * 1e9 / rate));
                }
                URI base = children.get(i % children.size()).baseUrl();
                ObjectNode body = Json.mapper().createObjectNode().put("name", BenchHandlers.NOOP)
                        .put("project_id", project);
                inFlight.acquire();
                futures.add(pool.submit(() -> {
                    try {
                        return http.postJson(base.resolve("/api/v1/tasks"), body);
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
    }

    /** Waits until {@code n} tasks of {@code project} ended, as the children report ({@link EndedTasks}). */
    private static void awaitEnded(List<ChildServer> children, String project, int n) throws InterruptedException {
        long until = System.currentTimeMillis() + 600_000;
        while (children.stream().mapToLong(c -> c.ended(project)).sum() < n) {
            if (System.currentTimeMillis() > until) {
                throw new IllegalStateException("tasks did not end within 10 minutes");
            }
            Thread.sleep(10);
        }
    }

    private List<JsonNode> list(URI base, String project) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        for (int offset = 0; ; offset += 500) {
            JsonNode page = http.getJson(base.resolve("/api/v1/tasks?project_id=" + project + "&limit=500&offset="
                    + offset));
            page.path("items").forEach(all::add);
            if (page.path("items").size() < 500) {
                return all;
            }
        }
    }

    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }
}
