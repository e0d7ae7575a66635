package dev.taskstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.bench.community.PlantedPartition;
import dev.taskstream.bench.community.PlantedPartitionGenerator;
import dev.taskstream.server.community.ProjectGraph;
import dev.taskstream.server.community.RebuildCommunitiesHandler;
import dev.taskstream.server.config.ServerSettings;
import dev.taskstream.server.db.Database;
import dev.taskstream.server.db.Dialect;
import dev.taskstream.server.graph.GraphImporter;
import dev.taskstream.server.task.NewTask;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import dev.taskstream.shared.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The end-to-end rebuild on a database: a generated planted-partition graph (E edges, E/10 nodes in
 * groups of 100, mixing 0.3) is written into a project (H2: {@link GraphDao}; Postgres: COPY; not over
 * HTTP), then
 * the server's {@code rebuild_communities} task runs on it twice (into an empty project, then replacing
 * that set). Reports the task's wall time, its {@code phases_ms} and wall / detect, and, for the load
 * alone, each {@link ProjectGraph.Source} the database offers (the figures behind the choice of source).
 */
public final class RebuildBenchmark {
    private static final String PROJECT = "bench-rebuild";
    private static final int WRITE_CHUNK = 10_000;

    public record Params(List<Integer> edges, int runs, List<DbChoice> databases) {
        String describe() {
            return "edges=" + edges.stream().map(String::valueOf).collect(Collectors.joining(",")) + " runs=" + runs
                    + " graph=planted partition, E/10 nodes, groups of 100, mixing 0.3, seed 42, algorithm leiden"
                    + " db=" + databases.stream().map(DbChoice::mode).collect(Collectors.joining(","));
        }
    }

    private final Params p;
    private final PrintWriter out;
    private final PrintWriter err;

    public RebuildBenchmark(Params p, PrintWriter out, PrintWriter err) {
        this.p = p;
        this.out = out;
        this.err = err;
    }

    public int run() throws Exception {
        Table rebuilds = new Table("db", "edges", "nodes", "run", "wall s", "load ms", "detect ms", "save ms",
                "wall / detect", "communities", "load avg");
        Table loads = new Table("db", "edges", "pass", "load source", "load ms", "rows/s");
        boolean header = false;
        for (DbChoice choice : p.databases()) {
            try (BenchDatabase db = choice.open()) {
                if (!header) {
                    BenchEnv.header(out, "rebuild", db.label() + (p.databases().size() > 1 ? " (and others below)" : ""),
                            p.describe());
                    header = true;
                } else {
                    out.println("# database: " + db.label());
                }
                ServerSettings settings = ServerSettings.defaults(db.url()).withDb(db.url(), db.user(), db.password())
                        .withPort(0).withWorkers(1).withStreamLimits(0, 0);
                try (TaskstreamServer server = TaskstreamServer.start(settings, BenchHandlers.registry())) {
                    for (int e : p.edges()) {
                        String project = PROJECT + "-" + e;
                        int nodes = writeGraph(server.database(), project, e, db.shortName());
                        for (int run = 1; run <= p.runs(); run++) {
                            rebuild(server, project, e, nodes, run, db.shortName(), rebuilds);
                        }
                        for (int pass = 1; pass <= 2; pass++) {
                            compareLoads(server.database(), project, e, db.shortName(), pass, loads);
                        }
                    }
                }
            }
        }
        rebuilds.print(out);
        out.println("# wall: the task's started_at -> completed_at (server clock); phases_ms from its result;"
                + " run 1 rebuilds an empty project, later runs replace the previous set");
        out.println();
        loads.print(out);
        out.println("# the graph load alone (ProjectGraph.load, in-process, after the rebuilds), each source twice,"
                + " in turn");
        out.flush();
        return 0;
    }

    /** Writes the generated graph (directed duplicates dropped) into {@code project}; returns the node count. */
    private int writeGraph(Database db, String project, int edges, String dbName) throws Exception {
        int nodes = Math.max(200, edges / 10);
        PlantedPartition g = PlantedPartitionGenerator.generate(nodes, Math.max(2, nodes / 100), edges, 0.3, 42L);
        long[] pairs = new long[g.edgeCount()];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = ((long) g.sources()[i] << 32) | g.targets()[i];
        }
        Arrays.sort(pairs);
        err.printf(Locale.ROOT, "rebuild on %s: writing %,d entities and about %,d edges...%n", dbName, nodes, edges);
        err.flush();
        long started = System.nanoTime();
        // The product's own bulk import path (COPY into staging on Postgres, batches on H2).
        new GraphImporter(db, Clock.systemUTC()).run(project, project, sink -> {
            for (int v = 0; v < nodes; v++) {
                sink.entity("entities[" + v + "]", id(v), "Entity " + v, "type" + (v % 7), null);
            }
            for (int i = 0; i < pairs.length; i++) {
                if (i == 0 || pairs[i] != pairs[i - 1]) {
                    sink.edge("edges[" + i + "]", id((int) (pairs[i] >>> 32)), id((int) pairs[i]), "rel" + (i % 5), 1.0);
                }
            }
        });
        err.printf(Locale.ROOT, "rebuild on %s: written in %.1f s%n", dbName, (System.nanoTime() - started) / 1e9);
        err.flush();
        return nodes;
    }

    private static String id(int node) {
        return "e" + node;
    }

    private void compareLoads(Database db, String project, int edges, String dbName, int pass, Table loads) {
        for (ProjectGraph.Source source : ProjectGraph.Source.values()) {
            if (source == ProjectGraph.Source.COPY && db.dialect() != Dialect.POSTGRES) {
                continue;
            }
            long started = System.nanoTime();
            ProjectGraph graph = ProjectGraph.load(db, project, source, Integer.MAX_VALUE, (r, e, x) -> {
            });
            double ms = (System.nanoTime() - started) / 1e6;
            long rows = graph.nodeCount() + (long) graph.edgeRows();
            loads.row(dbName, edges, pass, source.name().toLowerCase(Locale.ROOT), Math.round(ms),
                    String.format(Locale.ROOT, "%,.0f", rows / (ms / 1000)));
        }
    }

    private void rebuild(TaskstreamServer server, String project, int edges, int nodes, int run, String dbName,
            Table table) throws InterruptedException {
        err.printf(Locale.ROOT, "rebuild on %s: %,d edges, run %d...%n", dbName, edges, run);
        err.flush();
        String load = BenchEnv.loadAverage();
        UUID id = server.tasks().submit(NewTask.of(RebuildCommunitiesHandler.NAME, project,
                Json.mapper().createObjectNode().put("seed", 42))).id();
        TaskView task = server.tasks().get(id);
        while (!task.status().isTerminal()) {
            Thread.sleep(20); // polling a benchmark's own task; the figures come from the task's timestamps
            task = server.tasks().get(id);
        }
        if (task.status() != TaskStatus.COMPLETED) {
            throw new IllegalStateException("rebuild ended " + task.status() + ": " + task.error());
        }
        JsonNode result = task.result();
        JsonNode phases = result.get("phases_ms");
        double wallMs = (task.completedAt().toEpochMilli() - task.startedAt().toEpochMilli());
        double detect = phases.get("detect").asDouble();
        table.row(dbName, edges, nodes, run, String.format(Locale.ROOT, "%.2f", wallMs / 1000),
                phases.get("load").asLong(), phases.get("detect").asLong(), phases.get("save").asLong(),
                String.format(Locale.ROOT, "%.2f", wallMs / detect), result.get("communities_count").asInt(), load);
    }
}
