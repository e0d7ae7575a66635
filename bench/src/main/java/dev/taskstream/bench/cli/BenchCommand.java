package dev.taskstream.bench.cli;

import ch.qos.logback.classic.Level;
import dev.taskstream.bench.CommunityBenchmark;
import dev.taskstream.bench.IgraphComparison;
import dev.taskstream.bench.DbChoice;
import dev.taskstream.bench.DbLoadBenchmark;
import dev.taskstream.bench.FanoutBenchmark;
import dev.taskstream.bench.LatencyBenchmark;
import dev.taskstream.bench.RebuildBenchmark;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The bench jar's commands ({@code java -jar bench/target/taskstream-bench.jar latency|...}): measured figures
 * for the README's claims, each printed as a table with a header naming the JVM, cores, heap, database and
 * parameters. Each benchmark starts its own server(s)
 * on port 0 with bench-only task types; nothing is left behind.
 */
@Command(name = "taskstream-bench", mixinStandardHelpOptions = true, versionProvider = BenchMain.VersionProvider.class,
        description = "Benchmarks: latency, fanout, dbload, throughput, community, quality, rebuild, import. See "
                + "BENCHMARKS.md.",
        subcommands = {BenchCommand.Latency.class, BenchCommand.Fanout.class, BenchCommand.DbLoad.class,
                ThroughputCommand.class, BenchCommand.Community.class, QualityCommand.class, BenchCommand.Rebuild.class,
                ImportCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing benchmark: latency, fanout, dbload, throughput, community, quality, rebuild or import "
                        + "(try '--help')");
    }

    /** Database options shared by the benchmarks. */
    static final class DbOptions {
        @Option(names = "--db", paramLabel = "h2|postgres|both",
                description = "h2: a fresh in-memory H2 database; postgres: a fresh schema in --pg-url (dropped "
                        + "afterwards); both: one run on each (default h2; throughput: postgres).")
        String db;

        @Option(names = "--pg-url", defaultValue = DbChoice.DEFAULT_PG_URL,
                description = "Postgres database for --db postgres (default ${DEFAULT-VALUE}).")
        String pgUrl;

        @Option(names = "--db-url", description = "Run on exactly this database instead (jdbc:postgresql:// or "
                + "jdbc:h2:); the bench tasks stay in it.")
        String dbUrl;

        @Option(names = "--db-user", description = "Database user (default for Postgres: postgres).")
        String dbUser;

        @Option(names = "--db-password", description = "Database password.")
        String dbPassword;

        List<DbChoice> choices(CommandLine cl) {
            return choices(cl, "h2");
        }

        List<DbChoice> choices(CommandLine cl, String fallback) {
            if (dbUrl != null) {
                if (!dbUrl.startsWith("jdbc:postgresql:") && !dbUrl.startsWith("jdbc:h2:")) {
                    throw new CommandLine.ParameterException(cl, "--db-url must start with jdbc:postgresql:// or "
                            + "jdbc:h2:, got '" + dbUrl + "'");
                }
                return List.of(DbChoice.given(dbUrl, dbUser, dbPassword));
            }
            String user = dbUser != null ? dbUser : DbChoice.DEFAULT_PG_USER;
            String mode = db == null ? fallback : db;
            return switch (mode) {
                case "h2" -> List.of(DbChoice.h2());
                case "postgres", "pg" -> List.of(DbChoice.postgres(pgUrl, user, dbPassword));
                case "both" -> List.of(DbChoice.h2(), DbChoice.postgres(pgUrl, user, dbPassword));
                default -> throw new CommandLine.ParameterException(cl,
                        "--db must be h2, postgres or both, got '" + mode + "'");
            };
        }
    }

    static void require(CommandLine cl, boolean ok, String message) {
        if (!ok) {
            throw new CommandLine.ParameterException(cl, message);
        }
    }

    static List<Integer> positiveList(CommandLine cl, String option, List<Integer> values, int max) {
        require(cl, values != null && !values.isEmpty(), option + " needs at least one number");
        for (int v : values) {
            require(cl, v >= 1 && v <= max, option + " values must be from 1 to " + max + ", got " + v);
        }
        return new ArrayList<>(values);
    }

    /** Benchmark logs would drown the tables: only warnings from here on. */
    static void quietLogs() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger l
                && System.getenv("TASKSTREAM_LOG_LEVEL") == null) {
            l.setLevel(Level.WARN);
        }
    }

    @Command(name = "latency", mixinStandardHelpOptions = true, versionProvider = BenchMain.VersionProvider.class,
            description = "Commit-to-client latency of each progress event for M SSE watchers, next to polling "
                    + "baselines (GET every 2 s; event-log query every 1 s) on the same task.")
    static final class Latency implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DbOptions dbOptions;

        @Option(names = "--events", defaultValue = "200", description = "Progress events per task (default ${DEFAULT-VALUE}).")
        int events;

        @Option(names = "--interval-ms", defaultValue = "10",
                description = "Pause between two events in the worker (default ${DEFAULT-VALUE}).")
        int intervalMs;

        @Option(names = "--watchers", split = ",", defaultValue = "1,100,1000",
                description = "Stream clients per run, comma-separated (default ${DEFAULT-VALUE}).")
        List<Integer> watchers;

        @Option(names = "--pollers", defaultValue = "10",
                description = "Clients of each polling baseline during every run (default ${DEFAULT-VALUE}).")
        int pollers;

        @Option(names = "--poll-ms", defaultValue = "2000",
                description = "Period of the GET /tasks/{id} baseline (default ${DEFAULT-VALUE}).")
        int pollMs;

        @Option(names = "--db-poll-ms", defaultValue = "1000",
                description = "Period of the event-log polling baseline (default ${DEFAULT-VALUE}).")
        int dbPollMs;

        @Override
        public Integer call() throws Exception {
            CommandLine cl = spec.commandLine();
            require(cl, events >= 1 && events <= 100_000, "--events must be from 1 to 100000, got " + events);
            require(cl, intervalMs >= 0 && intervalMs <= 60_000, "--interval-ms must be from 0 to 60000, got " + intervalMs);
            List<Integer> m = positiveList(cl, "--watchers", watchers, 15_000);
            require(cl, pollers >= 0 && pollers <= 5_000, "--pollers must be from 0 to 5000, got " + pollers);
            require(cl, pollMs >= 10 && pollMs <= 60_000, "--poll-ms must be from 10 to 60000, got " + pollMs);
            require(cl, dbPollMs >= 10 && dbPollMs <= 60_000, "--db-poll-ms must be from 10 to 60000, got " + dbPollMs);
            List<DbChoice> dbs = dbOptions.choices(cl);
            quietLogs();
            return new LatencyBenchmark(new LatencyBenchmark.Params(events, intervalMs, m, pollers, pollMs, dbPollMs, dbs),
                    cl.getOut(), cl.getErr()).run();
        }
    }

    @Command(name = "fanout", mixinStandardHelpOptions = true, versionProvider = BenchMain.VersionProvider.class,
            description = "S idle streams on one server process (a child JVM): its heap and threads per stream, "
                    + "then the time until every stream has each event, and deliveries per second.")
    static final class Fanout implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DbOptions dbOptions;

        @Option(names = "--streams", defaultValue = "10000", description = "Concurrent streams (default ${DEFAULT-VALUE}).")
        int streams;

        @Option(names = "--events", defaultValue = "20", description = "Events the task emits (default ${DEFAULT-VALUE}).")
        int events;

        @Option(names = "--interval-ms", defaultValue = "250",
                description = "Pause between two events (default ${DEFAULT-VALUE}).")
        int intervalMs;

        @Option(names = "--server-heap", defaultValue = "1g",
                description = "-Xmx of the server process (default ${DEFAULT-VALUE}).")
        String serverHeap;

        @Option(names = "--rounds", defaultValue = "1",
                description = "Taskstream and baseline runs, alternating which goes first (default ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call() throws Exception {
            CommandLine cl = spec.commandLine();
            require(cl, streams >= 1 && streams <= 100_000, "--streams must be from 1 to 100000, got " + streams);
            require(cl, events >= 1 && events <= 10_000, "--events must be from 1 to 10000, got " + events);
            require(cl, intervalMs >= 0 && intervalMs <= 60_000, "--interval-ms must be from 0 to 60000, got " + intervalMs);
            require(cl, serverHeap.matches("[0-9]+[kKmMgG]?"), "--server-heap must look like 512m or 1g, got '"
                    + serverHeap + "'");
            long fds = FanoutBenchmark.maxFileDescriptors();
            require(cl, fds < 0 || streams + 500 <= fds, "--streams " + streams + " needs " + (streams + 500)
                    + " open files per process; the limit (ulimit -n) is " + fds + ": raise it in the shell that starts "
                    + "the bench, e.g. ulimit -n 120000 (needs a hard limit that high: root, limits.conf or systemd "
                    + "LimitNOFILE)");
            require(cl, rounds >= 1 && rounds <= 20, "--rounds must be from 1 to 20, got " + rounds);
            List<DbChoice> dbs = dbOptions.choices(cl);
            require(cl, dbs.size() == 1, "fanout runs on one database: --db h2 or --db postgres");
            quietLogs();
            return new FanoutBenchmark(new FanoutBenchmark.Params(streams, events, intervalMs, serverHeap, dbs.getFirst(), rounds),
                    cl.getOut(), cl.getErr()).run();
        }
    }

    @Command(name = "dbload", mixinStandardHelpOptions = true, versionProvider = BenchMain.VersionProvider.class,
            description = "SQL statements run while W streams are idle and while one task runs, per W, next to "
                    + "the polling baseline (one query per watcher per second).")
    static final class DbLoad implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DbOptions dbOptions;

        @Option(names = "--watchers", split = ",", defaultValue = "1,1000",
                description = "Stream clients per run, comma-separated (default ${DEFAULT-VALUE}).")
        List<Integer> watchers;

        @Option(names = "--seconds", defaultValue = "60", description = "Idle window (default ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--events", defaultValue = "100", description = "Events of the task run (default ${DEFAULT-VALUE}).")
        int events;

        @Option(names = "--interval-ms", defaultValue = "20",
                description = "Pause between two events (default ${DEFAULT-VALUE}).")
        int intervalMs;

        @Override
        public Integer call() throws Exception {
            CommandLine cl = spec.commandLine();
            List<Integer> w = positiveList(cl, "--watchers", watchers, 15_000);
            require(cl, seconds >= 1 && seconds <= 3_600, "--seconds must be from 1 to 3600, got " + seconds);
            require(cl, events >= 1 && events <= 100_000, "--events must be from 1 to 100000, got " + events);
            require(cl, intervalMs >= 0 && intervalMs <= 60_000, "--interval-ms must be from 0 to 60000, got " + intervalMs);
            List<DbChoice> dbs = dbOptions.choices(cl);
            quietLogs();
            return new DbLoadBenchmark(new DbLoadBenchmark.Params(w, seconds, events, intervalMs, dbs),
                    cl.getOut(), cl.getErr()).run();
        }
    }

    @Command(name = "community", mixinStandardHelpOptions = true, versionProvider = BenchMain.VersionProvider.class,
            description = {"Community detection on generated planted-partition graphs: time, edges per second, "
                    + "modularity and NMI for leiden and label_propagation (the comparison with JGraphT is a "
                    + "development benchmark run from the sources: see BENCHMARKS.md).",
                    "10^7 edges needs a large heap: java -Xmx6g -jar bench/target/taskstream-bench.jar community"})
    static final class Community implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--edges", split = ",", defaultValue = "100000,1000000,10000000",
                description = "Graph sizes in edges (default ${DEFAULT-VALUE}).")
        List<Long> edges;

        @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--igraph", description = "Taskstream vs igraph (Python bindings) "
                + "on the --edges planted graphs and the --lfr-nodes LFR-like graphs; needs python3-igraph "
                + "(and python3-leidenalg). Not run in CI.")
        boolean igraph;

        @Option(names = "--igraph-python", defaultValue = "/usr/bin/python3",
                description = "Python interpreter with python-igraph (default ${DEFAULT-VALUE}).")
        String igraphPython;

        @Option(names = "--lfr-nodes", split = ",", description = "With --igraph: also LFR-like graphs of these "
                + "node counts (tau1 3, tau2 1.5, average degree 20, communities from 20 nodes), e.g. 100000.")
        List<Integer> lfrNodes = List.of();

        @Option(names = "--lfr-mu", defaultValue = "0.4", description = "Mixing of the LFR-like graphs (default ${DEFAULT-VALUE}).")
        double lfrMu;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            require(cl, edges != null && !edges.isEmpty(), "--edges needs at least one size");
            for (long e : edges) {
                require(cl, e >= 100 && e <= 100_000_000L, "--edges values must be from 100 to 100000000, got " + e);
            }
            quietLogs();
            CommunityBenchmark.Config d = CommunityBenchmark.Config.defaults();
            CommunityBenchmark.Config config = new CommunityBenchmark.Config(
                    edges.stream().mapToLong(Long::longValue).toArray(), seed, d.groupSize(), d.maxIterations(), d.warmUp());
            if (igraph) {
                for (int n : lfrNodes) {
                    require(cl, n >= 100 && n <= 10_000_000, "--lfr-nodes values must be from 100 to 10000000, got " + n);
                }
                require(cl, lfrMu >= 0 && lfrMu <= 1, "--lfr-mu must be in [0, 1], got " + lfrMu);
                IgraphComparison.run(System.out, config, igraphPython, lfrNodes, lfrMu);
            } else {
                CommunityBenchmark.run(System.out, config, List.of());
            }
            return 0;
        }
    }

    @Command(name = "rebuild", mixinStandardHelpOptions = true, versionProvider = BenchMain.VersionProvider.class,
            description = "The rebuild_communities task end to end on a generated graph written into the database: "
                    + "wall time, phases_ms (load, detect, save) and wall / detect; and the graph load by each source.")
    static final class Rebuild implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DbOptions dbOptions;

        @Option(names = "--edges", split = ",", defaultValue = "1000000",
                description = "Graph sizes in edges (default ${DEFAULT-VALUE}).")
        List<Integer> edges;

        @Option(names = "--runs", defaultValue = "2", description = "Rebuilds per graph (default ${DEFAULT-VALUE}).")
        int runs;

        @Override
        public Integer call() throws Exception {
            CommandLine cl = spec.commandLine();
            List<Integer> e = positiveList(cl, "--edges", edges, 100_000_000);
            require(cl, runs >= 1 && runs <= 100, "--runs must be from 1 to 100, got " + runs);
            List<DbChoice> dbs = dbOptions.choices(cl, "both");
            quietLogs();
            return new RebuildBenchmark(new RebuildBenchmark.Params(e, runs, dbs), cl.getOut(), cl.getErr()).run();
        }
    }
}
