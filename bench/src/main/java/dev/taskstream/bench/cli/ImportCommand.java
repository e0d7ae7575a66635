package dev.taskstream.bench.cli;

import static dev.taskstream.bench.cli.BenchCommand.quietLogs;
import static dev.taskstream.bench.cli.BenchCommand.require;

import dev.taskstream.bench.DbChoice;
import dev.taskstream.bench.ImportBenchmark;
import dev.taskstream.bench.cli.BenchCommand.DbOptions;
import dev.taskstream.server.graph.ImportFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code import}: its options and their checks, in a file of its own as {@link ThroughputCommand}'s are. */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = BenchMain.VersionProvider.class,
        description = "Graph import over HTTP (upload, then the import_graph task) into a server in its own JVM: "
                + "into a new project, as an update of it, and (Postgres) POSTed to an API-only node and run by "
                + "another; next to a bare bulk load (COPY on Postgres, CSVREAD on H2) of the same rows into "
                + "tables with the same keys.")
final class ImportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DbOptions dbOptions;

    @Option(names = "--edges", split = ",", defaultValue = "1000000",
            description = "Graph sizes in edges; entities are a tenth (default ${DEFAULT-VALUE}; 10000000 takes "
                    + "about 1 GB of temporary files per format).")
    List<Long> edges;

    @Option(names = "--formats", split = ",", defaultValue = "csv,json",
            description = "Upload formats: csv, json (default ${DEFAULT-VALUE}).")
    List<String> formats;

    @Option(names = "--server-heap", defaultValue = "1g",
            description = "The server JVM's -Xmx (default ${DEFAULT-VALUE}).")
    String serverHeap;

    @Option(names = "--graph", defaultValue = "generated", paramLabel = "generated|demo",
            description = "generated: a random graph of --edges edges; demo: the desktop's demo graph "
                    + "(--edges unused) (default ${DEFAULT-VALUE}).")
    String graph;

    @Option(names = "--modes", split = ",", defaultValue = "new,update,2nodes",
            description = "new: into a new project; update: the same file again into it; 2nodes: POSTed to a "
                    + "--workers 0 node, run by a second node (Postgres only) (default ${DEFAULT-VALUE}).")
    List<String> modes;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        require(cl, graph.equals("generated") || graph.equals("demo"),
                "--graph must be generated or demo, got '" + graph + "'");
        List<ImportBenchmark.Mode> chosenModes = new ArrayList<>();
        for (String m : modes) {
            ImportBenchmark.Mode mode = switch (m.strip()) {
                case "new" -> ImportBenchmark.Mode.NEW;
                case "update" -> ImportBenchmark.Mode.UPDATE;
                case "2nodes", "2 nodes" -> ImportBenchmark.Mode.TWO_NODES;
                default -> null;
            };
            require(cl, mode != null, "--modes takes new, update and 2nodes, got '" + m + "'");
            if (!chosenModes.contains(mode)) {
                chosenModes.add(mode);
            }
        }
        require(cl, edges != null && !edges.isEmpty(), "--edges needs at least one size");
        for (long e : edges) {
            require(cl, e >= 10 && e <= 100_000_000L, "--edges values must be from 10 to 100000000, got " + e);
        }
        List<ImportFormat> chosen = new ArrayList<>();
        for (String f : formats) {
            ImportFormat format = ImportFormat.fromFileName("x." + f.strip());
            require(cl, format != null, "--formats takes csv and json, got '" + f + "'");
            chosen.add(format);
        }
        require(cl, serverHeap.matches("[0-9]+[kmgKMG]?"), "--server-heap is a JVM size like 1g or 512m, got '"
                + serverHeap + "'");
        List<DbChoice> dbs = dbOptions.choices(cl, "both");
        quietLogs();
        return new ImportBenchmark(new ImportBenchmark.Params(edges, chosen, dbs, serverHeap, graph, chosenModes),
                cl.getOut(), cl.getErr()).run();
    }
}
