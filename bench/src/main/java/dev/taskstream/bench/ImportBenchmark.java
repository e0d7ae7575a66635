package dev.taskstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.graph.ImportFormat;
import dev.taskstream.shared.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.postgresql.PGConnection;

/**
 * {@code bench import}: a graph (generated, entities = edges / 10, or the desktop's demo graph) imported over HTTP
 * into a server in its own JVM ({@code -Xmx} as given) as clients do it (POST the file, then follow the
 * {@code import_graph} task to its end), next to the baseline of the same run: the same rows bulk-loaded into
 * tables with the same keys by the bare database ({@code COPY} on Postgres, {@code CSVREAD} on H2, which has no
 * COPY). Modes: {@code new} (a fresh database, the project has no rows: the direct write), {@code update} (the
 * same file again into the project {@code new} filled: staging and merge) and, on Postgres, {@code 2 nodes}
 * (the file POSTed to an API-only node, {@code --workers 0}, and imported by a second node on the same
 * database). Each import's {@code GraphImporter} log lines are printed under the table (where the time went).
 */
public final class ImportBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** How the file meets the server. */
    public enum Mode {
        NEW("new"), UPDATE("update"), TWO_NODES("2 nodes");

        public final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    /** {@code graph}: {@code generated} (one per {@code edges}) or {@code demo} ({@code edges} unused). */
    public record Params(List<Long> edges, List<ImportFormat> formats, List<DbChoice> databases, String serverHeap,
            String graph, List<Mode> modes) {
    }

    private final Params p;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Table table = new Table("db", "graph", "mode", "format", "edges", "file MiB", "upload s",
            "import s", "edges/s", "server peak heap MiB", "baseline s", "import / baseline", "load");
    private final List<String> serverLines = new ArrayList<>();
    private int imports;

    public ImportBenchmark(Params p, PrintWriter out, PrintWriter err) {
        this.p = p;
        this.out = out;
        this.err = err;
    }

    public int run() throws Exception {
        List<ImportInput> inputs = p.graph().equals("demo") ? List.of(ImportInput.demo())
                : p.edges().stream().map(ImportInput::generated).toList();
        String graphs = p.graph().equals("demo") ? "demo graph (" + inputs.getFirst().entities() + " entities, "
                + inputs.getFirst().edges() + " edges)" : "generated, edges " + p.edges() + ", entities = edges / 10";
        BenchEnv.header(out, "import", p.databases().stream().map(d -> d.mode().equals("h2")
                ? "h2 (a fresh file database per run)" : d.toString()).toList().toString(), graphs + ", formats "
                + p.formats() + ", modes " + p.modes().stream().map(m -> m.label).toList() + ", server -Xmx"
                + p.serverHeap());
        for (DbChoice choice : p.databases()) {
            for (ImportInput input : inputs) {
                Path dir = Files.createTempDirectory("taskstream-bench-import");
                try {
                    double baseline = baseline(choice, input, dir);
                    for (ImportFormat format : p.formats()) {
                        Path file = dir.resolve("graph." + format.name().toLowerCase(Locale.ROOT));
                        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                            input.writeFile(format, w);
                        }
                        runModes(choice, input, dir, file, format, baseline);
                        Files.delete(file);
                    }
                } finally {
                    deleteTree(dir);
                }
            }
        }
        table.print(out);
        out.println("# import s: from the first byte of the upload to the task's completion (upload, parse, write, "
                + "check or merge, commit); upload s: until the 202");
        out.println("# new: into a fresh database (the project has no rows); update: the same file again into the "
                + "project the new import filled; 2 nodes: POSTed to a --workers 0 node, run by a second node on the "
                + "same database (Postgres only)");
        out.println("# baseline: the same rows into tables with the same primary keys, by COPY ... FROM STDIN (CSV) on "
                + "Postgres, INSERT ... SELECT FROM CSVREAD on H2; files written beforehand, timed to the commit");
        out.println("# server peak heap: of the node that runs the import, the largest "
                + "jvm_memory_used_bytes{area=\"heap\"} sampled every 100 ms; load: 1-minute load average at the end");
        out.println("# server log (GraphImporter) of each import:");
        serverLines.forEach(l -> out.println("#   " + l));
        out.flush();
        return 0;
    }

    private List<String> jvmOptions() {
        // INFO (the children log WARN by default): GraphImporter's line says where an import's time went. The
        // server's own logback.xml by name, as a test class path also holds the tests' logback-test.xml (WARN).
        return List.of("-Xmx" + p.serverHeap(), "-DTASKSTREAM_LOG_LEVEL=INFO", "-Dlogback.configurationFile=logback.xml");
    }

    private void runModes(DbChoice choice, ImportInput input, Path dir, Path file, ImportFormat format,
            double baseline) throws Exception {
        String fmt = format.name().toLowerCase(Locale.ROOT);
        if (p.modes().contains(Mode.NEW) || p.modes().contains(Mode.UPDATE)) {
            try (BenchDatabase db = fresh(choice, dir, "import-" + fmt);
                 ChildServer server = ChildServer.start(db, 2, jvmOptions())) {
                String project = project(choice, input);
                Measured first = importOnce(server, server, project, file, format, Mode.NEW);
                if (p.modes().contains(Mode.NEW)) {
                    row(choice, input, Mode.NEW, fmt, file, first, baseline);
                }
                if (p.modes().contains(Mode.UPDATE)) {
                    row(choice, input, Mode.UPDATE, fmt, file,
                            importOnce(server, server, project, file, format, Mode.UPDATE), baseline);
                }
            }
        }
        if (p.modes().contains(Mode.TWO_NODES) && choice.isPostgres()) {
            try (BenchDatabase db = fresh(choice, dir, "import-2-" + fmt);
                 ChildServer api = ChildServer.start(db, 0, jvmOptions());
                 ChildServer worker = ChildServer.start(db, 2, jvmOptions())) {
                row(choice, input, Mode.TWO_NODES, fmt, file,
                        importOnce(api, worker, project(choice, input), file, format, Mode.TWO_NODES), baseline);
            }
        }
    }

    /** The input's project; in a database given by URL (not fresh) a new one per import, so that new is new. */
    private String project(DbChoice choice, ImportInput input) {
        imports++;
        return choice.mode().equals("url") ? input.project() + "-" + ProcessHandle.current().pid() + "-" + imports
                : input.project();
    }

    private void row(DbChoice choice, ImportInput input, Mode mode, String format, Path file, Measured m,
            double baseline) throws IOException {
        table.row(choice.isPostgres() ? "Postgres" : "H2", input.name(), mode.label, format, input.edges(),
                fmt("%.1f", Files.size(file) / (double) (1 << 20)), fmt("%.2f", m.uploadSeconds()),
                fmt("%.2f", m.seconds()), fmt("%,.0f", input.edges() / m.seconds()), m.peakHeap() >> 20,
                fmt("%.2f", baseline), fmt("%.2f", m.seconds() / baseline), BenchEnv.loadAverage().split(" ")[0]);
        // Also as it happens: a long run cut short keeps what it measured.
        err.println("  " + mode.label + " " + format + ": upload " + fmt("%.2f", m.uploadSeconds()) + " s, import "
                + fmt("%.2f", m.seconds()) + " s, peak heap " + (m.peakHeap() >> 20) + " MiB, baseline "
                + fmt("%.2f", baseline) + " s, ratio " + fmt("%.2f", m.seconds() / baseline));
        err.flush();
    }

    private record Measured(double uploadSeconds, double seconds, long peakHeap) {
    }

    /** POSTs {@code file} to {@code receiver} and follows the task to its end; {@code runner} is the node that runs it. */
    private Measured importOnce(ChildServer receiver, ChildServer runner, String project, Path file,
            ImportFormat format, Mode mode) throws Exception {
        String what = mode.label + " " + format.name().toLowerCase(Locale.ROOT);
        err.println("import (" + what + ") of " + file.getFileName() + " (" + (Files.size(file) >> 20) + " MiB) into "
                + project + "...");
        err.flush();
        int logged = runner.logLines("import into").size();
        AtomicLong peak = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = Thread.ofVirtual().start(() -> sampleHeap(runner.baseUrl(), peak, sampling));
        long t0 = System.nanoTime();
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(receiver.baseUrl().resolve(
                        "/api/v1/projects/" + project + "/graph")).header("Content-Type", format == ImportFormat.CSV
                        ? "text/csv" : "application/json").POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        double upload = (System.nanoTime() - t0) / 1e9;
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("import answered " + accepted.statusCode() + ": " + accepted.body());
        }
        URI task = receiver.baseUrl().resolve(Json.mapper().readTree(accepted.body()).get("task_url").asText());
        JsonNode view;
        do {
            Thread.sleep(100); // polling the task, as a client without a stream would
            view = Json.mapper().readTree(HTTP.send(HttpRequest.newBuilder(task).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } while (!List.of("completed", "failed", "cancelled").contains(view.get("status").asText()));
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampling.set(false);
        sampler.join();
        if (!view.get("status").asText().equals("completed")) {
            throw new IllegalStateException("import " + view.get("status").asText() + ": " + view.get("error"));
        }
        List<String> lines = runner.logLines("import into");
        for (String l : lines.subList(Math.min(logged, lines.size()), lines.size())) {
            serverLines.add(what + ": " + l.substring(Math.max(0, l.indexOf("import into"))));
        }
        return new Measured(upload, seconds, peak.get());
    }

    private static void sampleHeap(URI base, AtomicLong peak, AtomicBoolean sampling) {
        while (sampling.get()) {
            try {
                String metrics = HTTP.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\"}")).findFirst()
                        .ifPresent(l -> peak.accumulateAndGet((long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)),
                                Math::max));
                Thread.sleep(100);
            } catch (Exception e) {
                return;
            }
        }
    }

    /** Seconds to bulk-load the input's rows into tables keyed like the graph tables (fresh database). */
    private double baseline(DbChoice choice, ImportInput input, Path dir) throws Exception {
        Path entities = dir.resolve("entities.csv");
        Path edges = dir.resolve("edges.csv");
        try (BufferedWriter e = Files.newBufferedWriter(entities, StandardCharsets.UTF_8);
             BufferedWriter g = Files.newBufferedWriter(edges, StandardCharsets.UTF_8)) {
            input.writeRows(e, g);
        }
        err.println("baseline: bare bulk load of " + input.entities() + " entities and " + input.edges() + " edges...");
        err.flush();
        try (BenchDatabase db = fresh(choice, dir, "baseline");
             Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement st = c.createStatement()) {
            // A database given by URL is not fresh: tables of an earlier baseline go first.
            st.execute("DROP TABLE IF EXISTS base_entities");
            st.execute("DROP TABLE IF EXISTS base_edges");
            st.execute("CREATE TABLE base_entities (project_id VARCHAR(64) NOT NULL, id VARCHAR(200) NOT NULL, "
                    + "name VARCHAR(500) NOT NULL, type VARCHAR(100) NOT NULL, properties VARCHAR, PRIMARY KEY (project_id, id))");
            st.execute("CREATE TABLE base_edges (project_id VARCHAR(64) NOT NULL, source VARCHAR(200) NOT NULL, "
                    + "target VARCHAR(200) NOT NULL, relation VARCHAR(100) NOT NULL, weight DOUBLE PRECISION NOT NULL, "
                    + "PRIMARY KEY (project_id, source, target, relation))");
            long t0 = System.nanoTime();
            if (db.kind() == BenchDatabase.Kind.POSTGRES) {
                var copy = c.unwrap(PGConnection.class).getCopyAPI();
                try (Reader r = Files.newBufferedReader(entities, StandardCharsets.UTF_8)) {
                    copy.copyIn("COPY base_entities (project_id, id, name, type, properties) FROM STDIN (FORMAT csv)", r);
                }
                try (Reader r = Files.newBufferedReader(edges, StandardCharsets.UTF_8)) {
                    copy.copyIn("COPY base_edges (project_id, source, target, relation, weight) FROM STDIN (FORMAT csv)", r);
                }
            } else {
                st.execute("INSERT INTO base_entities (project_id, id, name, type, properties) SELECT * FROM CSVREAD('"
                        + entities.toAbsolutePath() + "', 'project_id,id,name,type,properties', 'charset=UTF-8')");
                st.execute("INSERT INTO base_edges (project_id, source, target, relation, weight) SELECT * FROM CSVREAD('"
                        + edges.toAbsolutePath() + "', 'project_id,source,target,relation,weight', 'charset=UTF-8')");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            err.println("  baseline: " + fmt("%.2f", seconds) + " s");
            st.execute("DROP TABLE base_entities");
            st.execute("DROP TABLE base_edges");
            return seconds;
        } finally {
            Files.deleteIfExists(entities);
            Files.deleteIfExists(edges);
        }
    }

    /** A fresh database of the chosen kind: a new Postgres schema, or a new H2 file (in-memory H2 would hold the graph on the heap). */
    private static BenchDatabase fresh(DbChoice choice, Path dir, String name) throws Exception {
        if (choice.mode().equals("h2")) {
            return DbChoice.given("jdbc:h2:file:" + dir.resolve(name).toAbsolutePath(), null, null).open();
        }
        return choice.open();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }
}
