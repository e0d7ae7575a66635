package dev.taskstream.bench;

import dev.taskstream.server.community.Algorithm;
import dev.taskstream.server.community.CommunityDetector;
import dev.taskstream.server.community.CsrGraph;
import dev.taskstream.server.community.DetectionOptions;
import dev.taskstream.server.community.DetectionResult;
import dev.taskstream.bench.community.LfrLikeGenerator;
import dev.taskstream.server.community.Modularity;
import dev.taskstream.bench.community.NormalizedMutualInformation;
import dev.taskstream.bench.community.PlantedPartition;
import dev.taskstream.bench.community.PlantedPartitionGenerator;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Optional side-by-side run of Taskstream's Leiden and label propagation against igraph (C core,
 * through its Python bindings) on the very same graph, so the lead over igraph is measured rather
 * than remembered (issue 15). Not part of CI: it needs {@code python3-igraph} (and
 * {@code python3-leidenalg} for the reference Leiden), and is run by {@code bench community --igraph}.
 *
 * <p>The graph is written to a temporary file (node count, then "source target weight" per edge,
 * parallel edges already summed as in our CSR graph) and the bundled script
 * {@code bench/igraph_compare.py} times each igraph algorithm on the detection alone and writes
 * its membership back. Modularity (resolution 1) and NMI of every result, igraph's included, are
 * computed here with our {@link Modularity} on the same CSR graph.
 */
public final class IgraphComparison {

    static final String IGRAPH_ALGORITHMS = "leiden,label_propagation,leidenalg";

    /** One result: {@code implementation} is "taskstream" or "igraph". */
    public record Row(String graph, String implementation, String algorithm, double seconds, double modularity, double nmi,
            int communities) {
    }

    private final String python;
    private final long seed;
    private final int maxIterations;
    private final PrintStream out;

    /** @param python the interpreter that has python-igraph, e.g. /usr/bin/python3 on Debian */
    public IgraphComparison(String python, long seed, int maxIterations, PrintStream out) {
        this.python = python;
        this.seed = seed;
        this.maxIterations = maxIterations;
        this.out = out;
    }

    /**
     * The {@code bench community --igraph} run: the planted graphs of {@link CommunityBenchmark}
     * (same generator, sizes and seed), then LFR-like graphs of the given node counts.
     */
    public static List<Row> run(PrintStream out, CommunityBenchmark.Config config, String python, List<Integer> lfrNodes,
            double lfrMixing) {
        IgraphComparison comparison = new IgraphComparison(python, config.seed(), config.maxIterations(), out);
        out.printf(Locale.ROOT, "Taskstream vs igraph (%s), one thread each, detection time alone; modularity (resolution 1) "
                + "and NMI computed by Taskstream for every result. igraph leiden = community_leiden (2 iterations, its "
                + "default), leidenalg = the reference implementation.%n", python);
        if (config.warmUp()) {
            comparison.warmUp();
        }
        List<Row> rows = new ArrayList<>();
        for (long edges : config.edgeCounts()) {
            rows.addAll(comparison.run(String.format(Locale.ROOT, "planted partition (groups of %d, mixing %.2f)",
                    config.groupSize(), CommunityBenchmark.MIXING), CommunityBenchmark.plantedGraph(edges, config.groupSize(),
                    config.seed())));
        }
        for (int nodes : lfrNodes) {
            rows.addAll(comparison.run(String.format(Locale.ROOT, "LFR-like (mixing %.2f)", lfrMixing),
                    LfrLikeGenerator.generate(LfrLikeGenerator.Params.of(nodes, lfrMixing), config.seed())));
        }
        return rows;
    }

    /** Warms the JIT up with both our algorithms on a small planted graph (not printed). */
    public void warmUp() {
        CsrGraph small = PlantedPartitionGenerator.generate(2_000, 20, 20_000, 0.3, seed).toGraph();
        for (Algorithm algorithm : Algorithm.values()) {
            new CommunityDetector().detect(small, new DetectionOptions(algorithm, 1.0, seed, maxIterations), null);
        }
    }

    /**
     * Runs our two algorithms and igraph's on one graph and prints a table and the ratios.
     *
     * @return the rows; only Taskstream's when igraph is not installed (a line says so)
     */
    public List<Row> run(String name, PlantedPartition planted) {
        CsrGraph graph = planted.toGraph();
        int[] truth = planted.membership();
        out.printf(Locale.ROOT, "%n%s: %,d nodes, %,d edges, %,d planted groups, seed %d%n", name, graph.nodeCount(),
                planted.edgeCount(), planted.groupCount(), seed);
        String header = String.format(Locale.ROOT, "%-10s %-18s %10s %10s %7s %11s", "impl", "algorithm", "detect s",
                "modularity", "NMI", "communities");
        out.println(header);
        out.println("-".repeat(header.length()));
        List<Row> rows = new ArrayList<>();
        for (Algorithm algorithm : Algorithm.values()) {
            long start = System.nanoTime();
            DetectionResult r = new CommunityDetector().detect(graph,
                    new DetectionOptions(algorithm, 1.0, seed, maxIterations), null);
            double seconds = (System.nanoTime() - start) / 1e9;
            rows.add(print(new Row(name, "taskstream", algorithm.wireName(), seconds, r.modularity(),
                    NormalizedMutualInformation.of(r.membership(), truth), r.communityCount())));
        }
        rows.addAll(runIgraph(name, graph, truth));
        printRatios(rows);
        return rows;
    }

    private List<Row> runIgraph(String name, CsrGraph graph, int[] truth) {
        IgraphScript.Outcome igraph = IgraphScript.run(python, graph, seed, IGRAPH_ALGORITHMS);
        List<Row> rows = new ArrayList<>();
        for (IgraphScript.Result r : igraph.results()) {
            rows.add(print(new Row(name, "igraph", r.algorithm(), r.seconds(), Modularity.of(graph, r.membership(), 1.0),
                    NormalizedMutualInformation.of(r.membership(), truth), r.communities())));
        }
        if (igraph.problem() != null) {
            out.println(igraph.problem());
        }
        return rows;
    }

    private Row print(Row r) {
        out.printf(Locale.ROOT, "%-10s %-18s %10.3f %10.5f %7.4f %,11d%n", r.implementation(), r.algorithm(), r.seconds(),
                r.modularity(), r.nmi(), r.communities());
        out.flush();
        return r;
    }

    /** Time ratio and modularity difference, Taskstream vs igraph, for the same method. */
    private void printRatios(List<Row> rows) {
        out.println("Taskstream / igraph, same graph, same run (time ratio < 1: Taskstream is faster):");
        for (Row ours : rows) {
            for (Row theirs : rows) {
                boolean sameMethod = theirs.algorithm().equals(ours.algorithm())
                        || (ours.algorithm().equals("leiden") && theirs.algorithm().equals("leidenalg"));
                if (ours.implementation().equals("taskstream") && theirs.implementation().equals("igraph") && sameMethod) {
                    double ratio = ours.seconds() / theirs.seconds();
                    out.printf(Locale.ROOT, "  %-18s / igraph %-18s time %7.3f (%.1fx)  modularity %+.5f  communities %,d vs %,d%n",
                            ours.algorithm(), theirs.algorithm(), ratio, 1 / ratio, ours.modularity() - theirs.modularity(),
                            ours.communities(), theirs.communities());
                }
            }
        }
        out.flush();
    }

}
