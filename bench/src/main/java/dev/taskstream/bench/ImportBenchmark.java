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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.postgresql.PGConnection;

/**
 * {@code bench import}: a generated graph (entities = edges / 10) imported over HTTP into a server in its
 * own JVM ({@code -Xmx} as given) as clients do it (POST the file, then follow the {@code import_graph} task
 * to its end), next to the baseline of the same run: the same rows bulk-loaded into tables with the same
 * keys by the bare database ({@code COPY} on Postgres, {@code CSVREAD} on H2, which has no COPY). Every
 * import and baseline gets a fresh database.
 */
public final class ImportBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public record Params(List<Long> edges, List<ImportFormat> formats, List<DbChoice> databases, String serverHeap) {
    }

    private final Params p;
    private final PrintWriter out;
    private final PrintWriter err;

    public ImportBenchmark(Params p, PrintWriter out, PrintWriter err) {
        this.p = p;
        this.out = out;
        this.err = err;
    }

    public int run() throws Exception {
        BenchEnv.header(out, "import", p.databases().stream().map(d -> d.mode().equals("h2")
                ? "h2 (a fresh file database per run)" : d.toString()).toList().toString(), "edges " + p.edges() + ", formats " + p.formats()
                + ", entities = edges / 10, server -Xmx" + p.serverHeap());
        Table table = new Table("db", "format", "edges", "file MiB", "upload s", "import s", "edges/s",
                "server peak heap MiB", "baseline s", "import / baseline", "load");
        for (DbChoice choice : p.databases()) {
            for (long edges : p.edges()) {
                Path dir = Files.createTempDirectory("taskstream-bench-import");
                try {
                    GeneratedGraph graph = new GeneratedGraph((int) Math.max(2, edges / 10), edges, 42);
                    double baseline = baseline(choice, graph, dir);
                    for (ImportFormat format : p.formats()) {
                        Path file = dir.resolve("graph." + format.name().toLowerCase(Locale.ROOT));
                        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                            if (format == ImportFormat.CSV) {
                                graph.writeCsv(w);
                            } else {
                                graph.writeJson(w);
                            }
                        }
                        Measured m = importOverHttp(choice, dir, file, format);
                        table.row(choice.isPostgres() ? "Postgres" : "H2", format.name().toLowerCase(Locale.ROOT), edges,
                                Files.size(file) >> 20, fmt("%.1f", m.uploadSeconds()), fmt("%.1f", m.seconds()),
                                fmt("%,.0f", edges / m.seconds()), m.peakHeap() >> 20, fmt("%.1f", baseline),
                                fmt("%.2f", m.seconds() / baseline), BenchEnv.loadAverage().split(" ")[0]);
                        Files.delete(file);
                    }
                } finally {
                    deleteTree(dir);
                }
            }
        }
        table.print(out);
        out.println("# import s: from the first byte of the upload to the task's completion (upload, parse, stage, "
                + "merge, commit); upload s: until the 202");
        out.println("# baseline: the same rows into tables with the same primary keys, by COPY ... FROM STDIN (CSV) on "
                + "Postgres, INSERT ... SELECT FROM CSVREAD on H2; files written beforehand, timed to the commit");
        out.println("# server peak heap: the largest jvm_memory_used_bytes{area=\"heap\"} sampled every 100 ms");
        out.flush();
        return 0;
    }

    private record Measured(double uploadSeconds, double seconds, long peakHeap) {
    }

    private Measured importOverHttp(DbChoice choice, Path dir, Path file, ImportFormat format) throws Exception {
        try (BenchDatabase db = fresh(choice, dir, "import-" + format);
             ChildServer server = ChildServer.start(db, 2, List.of("-Xmx" + p.serverHeap()))) {
            err.println("import " + format + " of " + file.getFileName() + " (" + (Files.size(file) >> 20) + " MiB) into "
                    + db.shortName() + "...");
            err.flush();
            AtomicLong peak = new AtomicLong();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = Thread.ofVirtual().start(() -> sampleHeap(server.baseUrl(), peak, sampling));
            long t0 = System.nanoTime();
            HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(server.baseUrl().resolve(
                            "/api/v1/projects/bench/graph")).header("Content-Type", format == ImportFormat.CSV
                            ? "text/csv" : "application/json").POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                    HttpResponse.BodyHandlers.ofString());
            double upload = (System.nanoTime() - t0) / 1e9;
            if (accepted.statusCode() != 202) {
                throw new IllegalStateException("import answered " + accepted.statusCode() + ": " + accepted.body());
            }
            URI task = server.baseUrl().resolve(Json.mapper().readTree(accepted.body()).get("task_url").asText());
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
            return new Measured(upload, seconds, peak.get());
        }
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

    /** Seconds to bulk-load the graph's rows into tables keyed like the graph tables (fresh database). */
    private double baseline(DbChoice choice, GeneratedGraph graph, Path dir) throws Exception {
        Path entities = dir.resolve("entities.csv");
        Path edges = dir.resolve("edges.csv");
        try (BufferedWriter e = Files.newBufferedWriter(entities); BufferedWriter g = Files.newBufferedWriter(edges)) {
            graph.writeRows("bench", e, g);
        }
        err.println("baseline: bare bulk load of " + graph.edges() + " edges...");
        err.flush();
        try (BenchDatabase db = fresh(choice, dir, "baseline");
             Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE base_entities (project_id VARCHAR(64) NOT NULL, id VARCHAR(200) NOT NULL, "
                    + "name VARCHAR(500) NOT NULL, type VARCHAR(100) NOT NULL, properties VARCHAR, PRIMARY KEY (project_id, id))");
            st.execute("CREATE TABLE base_edges (project_id VARCHAR(64) NOT NULL, source VARCHAR(200) NOT NULL, "
                    + "target VARCHAR(200) NOT NULL, relation VARCHAR(100) NOT NULL, weight DOUBLE PRECISION NOT NULL, "
                    + "PRIMARY KEY (project_id, source, target, relation))");
            long t0 = System.nanoTime();
            if (db.kind() == BenchDatabase.Kind.POSTGRES) {
                var copy = c.unwrap(PGConnection.class).getCopyAPI();
                try (Reader r = Files.newBufferedReader(entities)) {
                    copy.copyIn("COPY base_entities (project_id, id, name, type) FROM STDIN (FORMAT csv)", r);
                }
                try (Reader r = Files.newBufferedReader(edges)) {
                    copy.copyIn("COPY base_edges (project_id, source, target, relation, weight) FROM STDIN (FORMAT csv)", r);
                }
            } else {
                st.execute("INSERT INTO base_entities (project_id, id, name, type) SELECT * FROM CSVREAD('"
                        + entities.toAbsolutePath() + "', 'project_id,id,name,type', 'charset=UTF-8')");
                st.execute("INSERT INTO base_edges (project_id, source, target, relation, weight) SELECT * FROM CSVREAD('"
                        + edges.toAbsolutePath() + "', 'project_id,source,target,relation,weight', 'charset=UTF-8')");
            }
            return (System.nanoTime() - t0) / 1e9;
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
