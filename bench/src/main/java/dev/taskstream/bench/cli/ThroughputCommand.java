package dev.taskstream.bench.cli;

import static dev.taskstream.bench.cli.BenchCommand.quietLogs;
import static dev.taskstream.bench.cli.BenchCommand.require;

import dev.taskstream.bench.DbChoice;
import dev.taskstream.bench.ThroughputBenchmark;
import dev.taskstream.bench.cli.BenchCommand.DbOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code throughput}: its own file because its options (graphile-worker comparison included) are many. */
@Command(name = "throughput", mixinStandardHelpOptions = true, versionProvider = BenchMain.VersionProvider.class,
        description = "Tasks claimed and completed per second by P server processes (child JVMs) on one "
                + "database, and the enqueue-to-start latency at a steady submission rate.")
final class ThroughputCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DbOptions dbOptions;

    @Option(names = "--tasks", defaultValue = "2000", description = "Tasks in the burst (default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--warmup", defaultValue = "0", description = "Tasks in an untimed burst before the timed "
            + "one, so that the fresh server JVMs have compiled the engine's code (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--processes", defaultValue = "2", description = "Server processes (default ${DEFAULT-VALUE}).")
    int processes;

    @Option(names = "--workers", defaultValue = "4", description = "Workers per process (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--latency-tasks", defaultValue = "500",
            description = "Tasks submitted at --rate for the start latency; 0 skips it (default ${DEFAULT-VALUE}).")
    int latencyTasks;

    @Option(names = "--rate", defaultValue = "50",
            description = "Submissions per second for the start latency (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--compare", description = "Also run graphile-worker (Node) with the same jobs, processes "
            + "and concurrency on the same Postgres, and print both and the ratio; needs node and "
            + "graphile-worker installed outside the repository (see BENCHMARKS.md).")
    boolean compare;

    @Option(names = "--graphile-script", defaultValue = "bench/src/test/graphile-worker/compare.cjs",
            description = "The comparison script (default ${DEFAULT-VALUE}, from the repository root).")
    java.nio.file.Path graphileScript;

    @Option(names = "--graphile-modules", defaultValue = "${env:TASKSTREAM_GRAPHILE_MODULES:-/tmp/graphile-bench/"
            + "node_modules}", description = "node_modules holding graphile-worker (default ${DEFAULT-VALUE}).")
    java.nio.file.Path graphileModules;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        require(cl, tasks >= 1 && tasks <= 1_000_000, "--tasks must be from 1 to 1000000, got " + tasks);
        require(cl, warmup >= 0 && warmup <= 1_000_000, "--warmup must be from 0 to 1000000, got " + warmup);
        require(cl, processes >= 1 && processes <= 16, "--processes must be from 1 to 16, got " + processes);
        require(cl, workers >= 1 && workers <= 64, "--workers must be from 1 to 64, got " + workers);
        require(cl, latencyTasks >= 0 && latencyTasks <= 1_000_000,
                "--latency-tasks must be from 0 to 1000000, got " + latencyTasks);
        require(cl, rate >= 1 && rate <= 10_000, "--rate must be from 1 to 10000, got " + rate);
        List<DbChoice> dbs = dbOptions.choices(cl, "postgres");
        require(cl, dbs.size() == 1, "throughput runs on one database: --db postgres (or h2 with --processes 1)");
        require(cl, processes == 1 || dbs.getFirst().isPostgres(), "several processes share a database only on "
                + "Postgres (H2 claims tasks in-process): use --db postgres or --processes 1");
        require(cl, !compare || dbs.getFirst().isPostgres(), "--compare runs graphile-worker on Postgres: use "
                + "--db postgres");
        quietLogs();
        return new ThroughputBenchmark(new ThroughputBenchmark.Params(tasks, warmup, processes, workers, latencyTasks, rate,
                dbs.getFirst(), compare ? graphileScript : null, graphileModules), cl.getOut(), cl.getErr()).run();
    }
}
