package dev.taskstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.shared.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * graphile-worker (Node) on the same Postgres in the same run, for {@code bench throughput --compare}:
 * runs {@code bench/src/test/graphile-worker/compare.cjs} with graphile-worker installed outside
 * the repository ({@code NODE_PATH}), and reads its one line of JSON.
 */
final class GraphileComparison {
    /**
     * What the script measured. The CPU figures are -1 when the script could not measure them (no /proc); the WAL
     * positions are from before addJobs to after the workers stopped; rows are those written in its schema.
     */
    record Result(int jobs, double seconds, double jobsPerSecond, double addSeconds, String version,
            double workerCpuMsPerJob, double postgresCpuMsPerJob, String walFrom, String walTo, PgActivity.Rows rows) {
    }

    private final Path script;
    private final Path nodeModules;

    GraphileComparison(Path script, Path nodeModules) {
        this.script = script;
        this.nodeModules = nodeModules;
    }

    /** Why the comparison cannot run, or null. */
    String problem() {
        if (!Files.isRegularFile(script)) {
            return "no script at " + script + " (run from the repository root or pass --graphile-script)";
        }
        if (!Files.isDirectory(nodeModules.resolve("graphile-worker"))) {
            return "graphile-worker is not installed in " + nodeModules + ": npm install --prefix "
                    + nodeModules.getParent() + " graphile-worker@0.18";
        }
        return null;
    }

    Result run(BenchDatabase db, int jobs, int processes, int concurrency) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of("node", script.toString(), connectionString(db),
                String.valueOf(jobs), String.valueOf(processes), String.valueOf(concurrency)));
        pb.environment().put("NODE_PATH", nodeModules.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0 || output.isEmpty()) {
            throw new IOException("graphile-worker comparison failed (exit " + (p.isAlive() ? "none" : p.exitValue())
                    + "); run the script by hand to see why: " + script);
        }
        JsonNode json = Json.mapper().readTree(output.lines().reduce((a, b) -> b).orElseThrow());
        return new Result(json.path("jobs").asInt(), json.path("seconds").asDouble(),
                json.path("jobs_per_s").asDouble(), json.path("add_seconds").asDouble(), json.path("version").asText(),
                json.path("worker_cpu_ms_per_job").asDouble(-1), json.path("pg_cpu_ms_per_job").asDouble(-1),
                json.path("wal_lsn_from").asText(), json.path("wal_lsn_to").asText(),
                new PgActivity.Rows(json.path("rows").path("inserted").asLong(), json.path("rows").path("updated")
                        .asLong(), json.path("rows").path("hot_updated").asLong(), json.path("rows").path("deleted")
                        .asLong()));
    }

    /** jdbc:postgresql://host:port/db?... as the postgres:// URL node-postgres reads. */
    private static String connectionString(BenchDatabase db) {
        String hostAndDb = db.url().substring("jdbc:postgresql://".length()).split("\\?")[0];
        String user = db.user() == null ? "" : encode(db.user()) + (db.password() == null ? "" : ":"
                + encode(db.password())) + "@";
        return "postgres://" + user + hostAndDb;
    }

    private static String encode(String part) {
        return java.net.URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
