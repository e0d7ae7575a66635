package dev.taskstream.bench;

import dev.taskstream.server.community.Algorithm;
import dev.taskstream.server.community.CommunityDetector;
import dev.taskstream.server.community.CsrGraph;
import dev.taskstream.server.community.DetectionOptions;
import dev.taskstream.server.community.DetectionResult;
import dev.taskstream.server.community.Modularity;
import dev.taskstream.bench.community.NormalizedMutualInformation;
import dev.taskstream.bench.community.PlantedPartition;
import dev.taskstream.bench.community.PlantedPartitionGenerator;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark of community detection on generated planted-partition graphs: our Leiden and label
 * propagation, and optionally other implementations ({@link Comparison}s, e.g. the JGraphT one that
 * lives in the test sources so that the shipped jar carries no comparison library) in the same JVM on
 * the same graphs.
 *
 * <p>For each edge count E the graph has E/10 nodes (average degree about 20) in groups of 100
 * nodes, with mixing μ = 0.3 (30 % of each node's edges leave its group), generated with
 * {@link PlantedPartitionGenerator} from the seed. Every algorithm is timed on the detection
 * alone: our {@link CsrGraph} is built outside the timed region (its build time is reported
 * separately). The modularity of every result is computed with our {@link Modularity} (resolution 1)
 * on the same CSR graph, and NMI against the planted groups with {@link NormalizedMutualInformation}.
 *
 * <p>Results are printed as a plain-text table (followed, when comparisons ran, by time ratios ours /
 * theirs from the same run), and returned as {@link Row}s for callers and tests.
 */
public final class CommunityBenchmark {

    /** Default edge counts: 10^5, 10^6 and 10^7. */
    public static final long[] DEFAULT_EDGE_COUNTS = {100_000L, 1_000_000L, 10_000_000L};
    public static final long DEFAULT_SEED = 42L;
    public static final int DEFAULT_GROUP_SIZE = 100;
    public static final String OURS = "taskstream";

    static final int AVERAGE_DEGREE = 20;
    static final double MIXING = 0.3;

    /**
     * @param edgeCounts      sizes of the generated graphs, in edges (each ≤ {@link Integer#MAX_VALUE})
     * @param seed            seed of the graph generator and of every algorithm
     * @param groupSize       nodes per planted group (≥ 2)
     * @param maxIterations   iteration cap of our algorithms
     * @param warmUp          run every algorithm once on a small graph first (JIT warm-up)
     */
    public record Config(long[] edgeCounts, long seed, int groupSize, int maxIterations, boolean warmUp) {

        public Config {
            edgeCounts = edgeCounts.clone();
            for (long e : edgeCounts) {
                if (e < 1 || e > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("edge counts must be in 1.." + Integer.MAX_VALUE + ", got " + e);
                }
            }
            if (groupSize < 2) {
                throw new IllegalArgumentException("groupSize must be >= 2, got " + groupSize);
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
            }
        }

        public static Config defaults() {
            return new Config(DEFAULT_EDGE_COUNTS, DEFAULT_SEED, DEFAULT_GROUP_SIZE,
                    DetectionOptions.DEFAULT_MAX_ITERATIONS, true);
        }

        @Override
        public long[] edgeCounts() {
            return edgeCounts.clone();
        }
    }

    /** Another implementation run on the same graphs, for reference (development benchmarks only). */
    public interface Comparison {
        /** One header line: library, version and limits. */
        String describe();

        /** Its rows for one graph; {@code truth} is the planted membership. */
        List<Row> run(long edges, CsrGraph graph, int[] truth, long seed);
    }

    /**
     * One line of the table.
     *
     * @param implementation {@value #OURS} or the comparison's name, e.g. "jgrapht"
     * @param algorithm      e.g. "leiden", "label_propagation", "greedy_modularity"
     * @param buildSeconds   time to build the graph structure the algorithm runs on
     * @param seconds        detection time; NaN when skipped
     * @param modularity     modularity (resolution 1) by our {@link Modularity}; NaN when skipped
     * @param nmi            NMI against the planted groups; NaN when skipped
     * @param note           empty, or why the run was skipped
     */
    public record Row(long edges, int nodes, String implementation, String algorithm, double buildSeconds,
            double seconds, double modularity, double nmi, int communities, int iterations, String note) {

        public boolean skipped() {
            return Double.isNaN(seconds);
        }

        public double edgesPerSecond() {
            return edges / seconds;
        }
    }

    private CommunityBenchmark() {
    }

    /** Runs the benchmark with default settings on the given sizes and seed. */
    public static List<Row> run(PrintStream out, long[] edgeCounts, long seed) {
        Config d = Config.defaults();
        return run(out, new Config(edgeCounts, seed, d.groupSize(), d.maxIterations(), d.warmUp()), List.of());
    }

    /** Runs the benchmark, printing the header, the table and the ratios to {@code out}. */
    public static List<Row> run(PrintStream out, Config config, List<Comparison> comparisons) {
        Runtime rt = Runtime.getRuntime();
        out.printf(Locale.ROOT, "Community detection benchmark: planted partition, %d nodes per group, average degree %d, "
                + "mixing %.2f, seed %d%n", config.groupSize(), AVERAGE_DEGREE, MIXING, config.seed());
        out.printf(Locale.ROOT, "JVM: Java %s (%s), max heap %.2f GB, available processors %d%n",
                Runtime.version(), System.getProperty("java.vm.name"), rt.maxMemory() / 1e9, rt.availableProcessors());
        for (Comparison c : comparisons) {
            out.println(c.describe());
        }
        if (config.warmUp()) {
            long start = System.nanoTime();
            runSize(Math.min(20_000L, config.edgeCounts().length == 0 ? 20_000L : maxOf(config.edgeCounts())), config,
                    comparisons, null);
            out.printf(Locale.ROOT, "warm-up: every algorithm once on a small graph (%.2f s)%n", (System.nanoTime() - start) / 1e9);
        }
        out.println();
        String header = String.format(Locale.ROOT, "%12s %10s  %-10s %-18s %9s %10s %12s %10s %7s %11s %5s  %s",
                "edges", "nodes", "impl", "algorithm", "build s", "detect s", "edges/s", "modularity", "NMI",
                "communities", "iter", "note");
        out.println(header);
        out.println("-".repeat(header.length() + 10));
        List<Row> rows = new ArrayList<>();
        for (long edges : config.edgeCounts()) {
            rows.addAll(runSize(edges, config, comparisons, out));
        }
        if (!comparisons.isEmpty()) {
            printRatios(out, rows);
        }
        return rows;
    }

    private static long maxOf(long[] values) {
        long max = Long.MIN_VALUE;
        for (long v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** Runs every algorithm on one generated graph; prints the rows as they finish if {@code out != null}. */
    private static List<Row> runSize(long edgeCount, Config config, List<Comparison> comparisons, PrintStream out) {
        PlantedPartition planted = plantedGraph(edgeCount, config.groupSize(), config.seed());
        int nodes = planted.nodeCount();
        long buildStart = System.nanoTime();
        CsrGraph graph = planted.toGraph();
        double csrBuild = seconds(buildStart);
        int[] truth = planted.membership();

        List<Row> rows = new ArrayList<>();
        CommunityDetector detector = new CommunityDetector();
        for (Algorithm algorithm : Algorithm.values()) {
            DetectionOptions options = new DetectionOptions(algorithm, 1.0, config.seed(), config.maxIterations());
            long start = System.nanoTime();
            DetectionResult r = detector.detect(graph, options, null);
            double time = seconds(start);
            rows.add(print(out, new Row(edgeCount, nodes, OURS, algorithm.wireName(), csrBuild, time, r.modularity(),
                    NormalizedMutualInformation.of(r.membership(), truth), r.communityCount(), r.iterations(), "")));
        }
        for (Comparison c : comparisons) {
            for (Row r : c.run(edgeCount, graph, truth, config.seed())) {
                rows.add(print(out, r));
            }
        }
        return rows;
    }

    /** The benchmark's graph of {@code edgeCount} edges (also used by {@link IgraphComparison}). */
    static PlantedPartition plantedGraph(long edgeCount, int groupSize, long seed) {
        int nodes = Math.max(2 * groupSize, (int) Math.min(Integer.MAX_VALUE, 2 * edgeCount / AVERAGE_DEGREE));
        int groups = Math.max(2, nodes / groupSize);
        return PlantedPartitionGenerator.generate(nodes, groups, (int) edgeCount, MIXING, seed);
    }

    private static Row print(PrintStream out, Row r) {
        if (out != null) {
            if (r.skipped()) {
                out.printf(Locale.ROOT, "%,12d %,10d  %-10s %-18s %9s %10s %12s %10s %7s %11s %5s  %s%n", r.edges(), r.nodes(),
                        r.implementation(), r.algorithm(), "-", "-", "-", "-", "-", "-", "-", r.note());
            } else {
                out.printf(Locale.ROOT, "%,12d %,10d  %-10s %-18s %9.3f %10.3f %,12.0f %10.5f %7.4f %,11d %5s  %s%n", r.edges(),
                        r.nodes(), r.implementation(), r.algorithm(), r.buildSeconds(), r.seconds(), r.edgesPerSecond(),
                        r.modularity(), r.nmi(), r.communities(), r.iterations() > 0 ? Integer.toString(r.iterations()) : "-",
                        r.note());
            }
            out.flush();
        }
        return r;
    }

    /** Time ratios ours / theirs for every size where both ran (< 1: ours is faster). */
    private static void printRatios(PrintStream out, List<Row> rows) {
        out.println();
        out.println("Time ratios, taskstream / other, same run (< 1 means taskstream is faster; speed-up = 1 / ratio):");
        for (Row ours : rows) {
            if (!ours.implementation().equals(OURS)) {
                continue;
            }
            for (Row theirs : rows) {
                if (!theirs.implementation().equals(OURS) && theirs.edges() == ours.edges()) {
                    if (theirs.skipped()) {
                        out.printf(Locale.ROOT, "%,12d  %-18s / %-18s  n/a (%s skipped)%n", ours.edges(), ours.algorithm(),
                                theirs.algorithm(), theirs.implementation());
                    } else {
                        double ratio = ours.seconds() / theirs.seconds();
                        out.printf(Locale.ROOT, "%,12d  %-18s / %-18s  %8.4f  (%.1fx faster; modularity %+.5f)%n", ours.edges(),
                                ours.algorithm(), theirs.algorithm(), ratio, 1 / ratio,
                                ours.modularity() - theirs.modularity());
                    }
                }
            }
        }
        out.flush();
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
