package dev.taskstream.server.bench;

import dev.taskstream.server.community.Algorithm;
import dev.taskstream.server.community.CommunityDetector;
import dev.taskstream.server.community.CsrGraph;
import dev.taskstream.server.community.DetectionOptions;
import dev.taskstream.server.community.DetectionResult;
import dev.taskstream.server.community.Modularity;
import dev.taskstream.server.community.NormalizedMutualInformation;
import dev.taskstream.server.community.PlantedPartition;
import dev.taskstream.server.community.PlantedPartitionGenerator;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.jgrapht.Graph;
import org.jgrapht.alg.clustering.GreedyModularityAlgorithm;
import org.jgrapht.alg.clustering.LabelPropagationClustering;
import org.jgrapht.alg.interfaces.ClusteringAlgorithm;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;

/**
 * Benchmark of community detection on generated planted-partition graphs: our Leiden and label
 * propagation against JGraphT's released clustering algorithms, in the same JVM on the same
 * graphs.
 *
 * <p>For each edge count E the graph has E/10 nodes (average degree about 20) in groups of 100
 * nodes, with mixing μ = 0.3 (30 % of each node's edges leave its group), generated with
 * {@link PlantedPartitionGenerator} from the seed. Every algorithm is timed on the detection
 * alone: our {@link CsrGraph} and JGraphT's graph are built outside the timed region (their build
 * times are reported separately). The modularity of every result, JGraphT's included, is computed
 * with our {@link Modularity} (resolution 1) on the same CSR graph, and NMI against the planted
 * groups with {@link NormalizedMutualInformation}.
 *
 * <p>JGraphT 1.5.3 ships {@code LabelPropagationClustering} and one modularity-based method,
 * {@code GreedyModularityAlgorithm} (greedy agglomerative merging); both are run. Its
 * {@code NaiveGreedyModularityAlgorithm} and {@code GirvanNewmanClustering} (repeated edge
 * betweenness, O(m²n)) are far too slow beyond toy graphs and are not run. JGraphT needs an object
 * graph (hundreds of bytes per edge), so it is skipped above {@link Config#jgraphtMaxEdges()}.
 *
 * <p>Results are printed as a plain-text table followed by time ratios (ours / JGraphT) from the
 * same run, and returned as {@link Row}s for callers and tests.
 */
public final class CommunityBenchmark {

    /** Default edge counts: 10^5, 10^6 and 10^7. */
    public static final long[] DEFAULT_EDGE_COUNTS = {100_000L, 1_000_000L, 10_000_000L};
    public static final long DEFAULT_SEED = 42L;
    /** JGraphT's label propagation runs up to this many edges by default. */
    public static final long DEFAULT_JGRAPHT_MAX_EDGES = 1_000_000L;
    /**
     * JGraphT's greedy modularity runs up to this many edges by default: it took ~44 s on 10^5
     * edges (2 cores, JDK 25) and grows faster than linearly, so 10^6 would take many minutes.
     */
    public static final long DEFAULT_JGRAPHT_GREEDY_MAX_EDGES = 100_000L;
    public static final int DEFAULT_GROUP_SIZE = 100;
    /**
     * Heap per edge of a JGraphT {@code SimpleWeightedGraph} (edge objects, vertex maps, edge sets):
     * measured 258 bytes at 10^6 edges (JDK 25, compressed oops), before any algorithm's own maps.
     */
    static final long JGRAPHT_BYTES_PER_EDGE_ESTIMATE = 260;

    static final int AVERAGE_DEGREE = 20;
    static final double MIXING = 0.3;

    /**
     * @param edgeCounts      sizes of the generated graphs, in edges (each ≤ {@link Integer#MAX_VALUE})
     * @param seed            seed of the graph generator and of every algorithm
     * @param jgraphtMaxEdges JGraphT's label propagation is skipped on larger graphs (0: never run it)
     * @param jgraphtGreedyMaxEdges JGraphT's greedy modularity is skipped on larger graphs
     * @param groupSize       nodes per planted group (≥ 2)
     * @param maxIterations   iteration cap of our algorithms
     * @param warmUp          run every algorithm once on a small graph first (JIT warm-up)
     */
    public record Config(long[] edgeCounts, long seed, long jgraphtMaxEdges, long jgraphtGreedyMaxEdges, int groupSize,
            int maxIterations, boolean warmUp) {

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
            return new Config(DEFAULT_EDGE_COUNTS, DEFAULT_SEED, DEFAULT_JGRAPHT_MAX_EDGES, DEFAULT_JGRAPHT_GREEDY_MAX_EDGES,
                    DEFAULT_GROUP_SIZE, DetectionOptions.DEFAULT_MAX_ITERATIONS, true);
        }

        @Override
        public long[] edgeCounts() {
            return edgeCounts.clone();
        }
    }

    /**
     * One line of the table.
     *
     * @param implementation "taskstream" or "jgrapht"
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
        return run(out, new Config(edgeCounts, seed, d.jgraphtMaxEdges(), d.jgraphtGreedyMaxEdges(), d.groupSize(),
                d.maxIterations(), d.warmUp()));
    }

    /** Runs the benchmark, printing the header, the table and the ratios to {@code out}. */
    public static List<Row> run(PrintStream out, Config config) {
        Runtime rt = Runtime.getRuntime();
        out.printf(Locale.ROOT, "Community detection benchmark: planted partition, %d nodes per group, average degree %d, "
                + "mixing %.2f, seed %d%n", config.groupSize(), AVERAGE_DEGREE, MIXING, config.seed());
        out.printf(Locale.ROOT, "JVM: Java %s (%s), max heap %.2f GB, available processors %d%n",
                Runtime.version(), System.getProperty("java.vm.name"), rt.maxMemory() / 1e9, rt.availableProcessors());
        out.printf(Locale.ROOT, "JGraphT %s (SimpleWeightedGraph): label propagation up to %,d edges, greedy modularity up to %,d "
                + "edges; Girvan-Newman and naive greedy modularity not run (far too slow beyond toy graphs)%n",
                jgraphtVersion(), config.jgraphtMaxEdges(), config.jgraphtGreedyMaxEdges());
        if (config.warmUp()) {
            long start = System.nanoTime();
            runSize(Math.min(20_000L, config.edgeCounts().length == 0 ? 20_000L : maxOf(config.edgeCounts())), config, null);
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
            List<Row> sizeRows = runSize(edges, config, out);
            rows.addAll(sizeRows);
        }
        printRatios(out, rows);
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
    private static List<Row> runSize(long edgeCount, Config config, PrintStream out) {
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
            rows.add(print(out, new Row(edgeCount, nodes, "taskstream", algorithm.wireName(), csrBuild, time, r.modularity(),
                    NormalizedMutualInformation.of(r.membership(), truth), r.communityCount(), r.iterations(), "")));
        }

        boolean labelPropagation = edgeCount <= config.jgraphtMaxEdges();
        boolean greedy = edgeCount <= config.jgraphtGreedyMaxEdges();
        Graph<Integer, DefaultWeightedEdge> jgraph = null;
        double jgraphtBuild = Double.NaN;
        if (labelPropagation || greedy) {
            buildStart = System.nanoTime();
            jgraph = toJGraphT(graph);
            jgraphtBuild = seconds(buildStart);
        }
        if (labelPropagation) {
            Random random = new Random(config.seed());
            rows.add(print(out, runJGraphT(edgeCount, nodes, "label_propagation", jgraphtBuild, graph, truth,
                    g -> new LabelPropagationClustering<>(g, random), jgraph)));
        } else {
            rows.add(print(out, skipped(edgeCount, nodes, "label_propagation", config.jgraphtMaxEdges())));
        }
        if (greedy) {
            rows.add(print(out, runJGraphT(edgeCount, nodes, "greedy_modularity", jgraphtBuild, graph, truth,
                    GreedyModularityAlgorithm::new, jgraph)));
        } else {
            rows.add(print(out, skipped(edgeCount, nodes, "greedy_modularity", config.jgraphtGreedyMaxEdges())));
        }
        return rows;
    }

    /** The benchmark's graph of {@code edgeCount} edges (also used by {@link IgraphComparison}). */
    static PlantedPartition plantedGraph(long edgeCount, int groupSize, long seed) {
        int nodes = Math.max(2 * groupSize, (int) Math.min(Integer.MAX_VALUE, 2 * edgeCount / AVERAGE_DEGREE));
        int groups = Math.max(2, nodes / groupSize);
        return PlantedPartitionGenerator.generate(nodes, groups, (int) edgeCount, MIXING, seed);
    }

    private static Row skipped(long edges, int nodes, String algorithm, long limit) {
        String note = String.format(Locale.ROOT, "skipped: above %,d edges (graph alone would need ~%.1f GB heap)",
                limit, edges * (double) JGRAPHT_BYTES_PER_EDGE_ESTIMATE / 1e9);
        if (algorithm.equals("greedy_modularity")) {
            note += "; superlinear time (~44 s at 10^5 edges)";
        }
        return new Row(edges, nodes, "jgrapht", algorithm, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, note);
    }

    private static Row runJGraphT(long edges, int nodes, String name, double build, CsrGraph graph, int[] truth,
            Function<Graph<Integer, DefaultWeightedEdge>, ClusteringAlgorithm<Integer>> algorithm,
            Graph<Integer, DefaultWeightedEdge> jgraph) {
        long start = System.nanoTime();
        ClusteringAlgorithm.Clustering<Integer> clustering = algorithm.apply(jgraph).getClustering();
        double time = seconds(start);
        int[] membership = new int[graph.nodeCount()];
        List<Set<Integer>> clusters = clustering.getClusters();
        for (int c = 0; c < clusters.size(); c++) {
            for (int v : clusters.get(c)) {
                membership[v] = c;
            }
        }
        return new Row(edges, nodes, "jgrapht", name, build, time, Modularity.of(graph, membership, 1.0),
                NormalizedMutualInformation.of(membership, truth), clusters.size(), 0, "");
    }

    /** The same weighted graph as a JGraphT {@link SimpleWeightedGraph} (vertices 0..n-1). */
    static Graph<Integer, DefaultWeightedEdge> toJGraphT(CsrGraph graph) {
        Graph<Integer, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        int n = graph.nodeCount();
        for (int v = 0; v < n; v++) {
            g.addVertex(v);
        }
        int[] offsets = graph.offsets();
        int[] neighbors = graph.neighbors();
        double[] weights = graph.weights();
        for (int v = 0; v < n; v++) {
            for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                int u = neighbors[e];
                if (v < u) {
                    DefaultWeightedEdge edge = g.addEdge(v, u);
                    g.setEdgeWeight(edge, weights[e]);
                }
            }
        }
        return g;
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

    /** Time ratios ours / JGraphT for every size where both ran (< 1: ours is faster). */
    private static void printRatios(PrintStream out, List<Row> rows) {
        out.println();
        out.println("Time ratios, taskstream / jgrapht, same run (< 1 means taskstream is faster; speed-up = 1 / ratio):");
        for (Row ours : rows) {
            if (!ours.implementation().equals("taskstream")) {
                continue;
            }
            for (Row theirs : rows) {
                if (theirs.implementation().equals("jgrapht") && theirs.edges() == ours.edges()) {
                    if (theirs.skipped()) {
                        out.printf(Locale.ROOT, "%,12d  %-18s / %-18s  n/a (jgrapht skipped)%n", ours.edges(), ours.algorithm(),
                                theirs.algorithm());
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

    private static String jgraphtVersion() {
        Package p = Graph.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "1.5.3" : v;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
