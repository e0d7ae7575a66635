package dev.taskstream.bench.cli;

import static dev.taskstream.bench.cli.BenchCommand.quietLogs;
import static dev.taskstream.bench.cli.BenchCommand.require;

import dev.taskstream.bench.QualitySweep;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code quality}: community detection quality against planted communities as mixing rises (issue 26). */
@Command(name = "quality", mixinStandardHelpOptions = true, versionProvider = BenchMain.VersionProvider.class,
        description = {"Community detection quality as mixing rises: LFR-like graphs with their planted communities, "
                + "NMI and modularity of Taskstream's leiden and label_propagation, and of igraph's (community_leiden "
                + "run to convergence, community_label_propagation) on the same edge lists when python3-igraph is "
                + "installed. Not run in CI.",
                "n=100000 needs about 2 GB of heap: java -Xmx3g -jar taskstream-bench.jar quality"})
final class QualityCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--nodes", split = ",", defaultValue = "20000,100000",
            description = "Node counts of the graphs (default ${DEFAULT-VALUE}).")
    List<Integer> nodes;

    @Option(names = "--mixing", split = ",", defaultValue = "0.1,0.2,0.3,0.4,0.5,0.6",
            description = "Mixing values mu, the share of each node's edges that leave its community "
                    + "(default ${DEFAULT-VALUE}).")
    List<Double> mixing;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3",
            description = "Seeds; each gives one graph per size and mixing, and seeds the algorithms "
                    + "(default ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--igraph-python", defaultValue = "/usr/bin/python3",
            description = "Python interpreter with python-igraph (default ${DEFAULT-VALUE}).")
    String igraphPython;

    @Option(names = "--no-igraph", description = "Run Taskstream's algorithms only.")
    boolean noIgraph;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        for (int n : nodes) {
            require(cl, n >= 100 && n <= 10_000_000, "--nodes values must be from 100 to 10000000, got " + n);
        }
        for (double mu : mixing) {
            require(cl, mu >= 0 && mu <= 1, "--mixing values must be in [0, 1], got " + mu);
        }
        require(cl, !seeds.isEmpty(), "--seeds needs at least one seed");
        quietLogs();
        new QualitySweep(cl.getOut(), noIgraph ? null : igraphPython).run(nodes, mixing, seeds);
        return 0;
    }
}
