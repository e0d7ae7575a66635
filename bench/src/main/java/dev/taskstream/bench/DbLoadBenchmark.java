package dev.taskstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.config.ServerSettings;
import dev.taskstream.server.db.Database;
import dev.taskstream.server.task.NewTask;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.json.Json;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * SQL statements the server runs (Database.statementCount(), the same counter as
 * taskstream_db_statements_total) while W streams watch an idle task for a while, and while the task
 * then runs to completion, for each W; next to the polling baseline of one query per watcher per second.
 */
public final class DbLoadBenchmark {
    public record Params(List<Integer> watchers, int seconds, int events, int intervalMs, List<DbChoice> databases) {
        String describe() {
            return "watchers=" + watchers.stream().map(String::valueOf).collect(Collectors.joining(",")) + " idle="
                    + seconds + "s task=" + events + " events " + intervalMs + "ms apart db="
                    + databases.stream().map(DbChoice::mode).collect(Collectors.joining(","));
        }
    }

    private final Params p;
    private final PrintWriter out;
    private final PrintWriter err;

    public DbLoadBenchmark(Params p, PrintWriter out, PrintWriter err) {
        this.p = p;
        this.out = out;
        this.err = err;
    }

    public int run() throws Exception {
        Table table = new Table("db", "watchers", "idle s", "statements idle", "per watcher", "polling baseline",
                "task run s", "statements run", "per watcher", "polling baseline", "load");
        boolean header = false;
        for (DbChoice choice : p.databases()) {
            try (BenchDatabase db = choice.open()) {
                if (!header) {
                    BenchEnv.header(out, "dbload", db.label() + (p.databases().size() > 1 ? " (and others below)" : ""),
                            p.describe());
                    header = true;
                } else {
                    out.println("# database: " + db.label());
                }
                ServerSettings settings = ServerSettings.defaults(db.url()).withDb(db.url(), db.user(), db.password())
                        .withPort(0).withWorkers(2).withStreamLimits(0, 0)
                        .withProgressRate(0); // the events run as given: none merged
                try (TaskstreamServer server = TaskstreamServer.start(settings, BenchHandlers.registry())) {
                    for (int w : p.watchers()) {
                        measure(server, db, w, table);
                    }
                }
            }
        }
        table.print(out);
        out.println("# statements: every SQL statement the server ran through its pool (taskstream_db_statements_total), "
                + "including the engine's own polling, lease renewals and cancellation checks, excluding LISTEN");
        out.println("# polling baseline: one event-log query per watcher per second (watchers x seconds), computed");
        out.flush();
        return 0;
    }

    private void measure(TaskstreamServer server, BenchDatabase db, int w, Table table) throws Exception {
        err.println("dbload on " + db.shortName() + ": " + w + " watchers, idle " + p.seconds() + " s, then a task...");
        err.flush();
        String gate = "dbload-" + UUID.randomUUID();
        JsonNode params = Json.mapper().createObjectNode().put("steps", p.events()).put("delay_ms", p.intervalMs())
                .put("gate", gate);
        UUID taskId = server.tasks().submit(NewTask.of(BenchHandlers.STEPS, null, params)).id();
        long until = System.currentTimeMillis() + 60_000;
        while (server.tasks().get(taskId).status() != TaskStatus.PROCESSING) {
            if (System.currentTimeMillis() > until) {
                throw new IllegalStateException("no worker took the bench task within 60 s");
            }
            Thread.sleep(10);
        }
        Database database = server.database();
        try (Watchers watchers = Watchers.start(URI.create(server.baseUrl()), taskId, w, 64, 2048)) {
            watchers.awaitConnected(300_000);
            Thread.sleep(300); // let connection set-up queries finish
            long c0 = database.statementCount();
            long t0 = System.nanoTime();
            Thread.sleep(p.seconds() * 1000L);
            long c1 = database.statementCount();
            double idleSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            Gates.open(gate);
            watchers.awaitDone(600_000 + (long) p.events() * p.intervalMs() * 10);
            long c2 = database.statementCount();
            double runSeconds = (System.nanoTime() - t1) / 1e9;
            Gates.forget(gate);
            long idle = c1 - c0;
            long run = c2 - c1;
            table.row(db.shortName(), w, fmt("%.1f", idleSeconds), idle, fmt("%.3f", idle / (double) w),
                    Math.round(w * idleSeconds), fmt("%.1f", runSeconds), run, fmt("%.3f", run / (double) w),
                    Math.round(w * Math.ceil(runSeconds)), BenchEnv.loadAverage().split(" ")[0]);
            if (watchers.failures() > 0) {
                out.println("# warning: " + watchers.failures() + " stream clients failed" + watchers.failureNote());
            }
        }
    }

    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }
}
