package dev.taskstream.bench;

import dev.taskstream.server.community.CsrGraph;
import dev.taskstream.server.community.Modularity;
import dev.taskstream.bench.community.NormalizedMutualInformation;
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
 * JGraphT's released clustering algorithms as a {@link CommunityBenchmark.Comparison}: a development
 * benchmark in the test sources, so that neither the server jar nor the installer carries JGraphT.
 * Run it with {@code ./mvnw -B -o -pl bench -am -Pjgrapht-comparison process-test-classes} (see
 * BENCHMARKS.md); {@link #main} takes {@code --edges}, {@code --seed}, {@code --jgrapht-max-edges} and
 * {@code --jgrapht-greedy-max-edges}.
 *
 * <p>JGraphT 1.5.3 ships {@code LabelPropagationClustering} and one modularity-based method,
 * {@code GreedyModularityAlgorithm} (greedy agglomerative merging); both are run. Its
 * {@code NaiveGreedyModularityAlgorithm} and {@code GirvanNewmanClustering} (repeated edge
 * betweenness, O(m²n)) are far too slow beyond toy graphs and are not run. JGraphT needs an object
 * graph (hundreds of bytes per edge), so it is skipped above the configured sizes. Its graph is
 * built outside the timed region; the modularity of its result is computed with our
 * {@link Modularity} on the same CSR graph.
 *
 * @param maxEdges       JGraphT's label propagation is skipped on larger graphs (0: never run it)
 * @param greedyMaxEdges JGraphT's greedy modularity is skipped on larger graphs
 */
public record JGraphTComparison(long maxEdges, long greedyMaxEdges) implements CommunityBenchmark.Comparison {
    /** JGraphT's label propagation runs up to this many edges by default. */
    public static final long DEFAULT_MAX_EDGES = 1_000_000L;
    /**
     * JGraphT's greedy modularity runs up to this many edges by default: it took ~44 s on 10^5
     * edges (2 cores, JDK 25) and grows faster than linearly, so 10^6 would take many minutes.
     */
    public static final long DEFAULT_GREEDY_MAX_EDGES = 100_000L;
    /**
     * Heap per edge of a JGraphT {@code SimpleWeightedGraph} (edge objects, vertex maps, edge sets):
     * measured 258 bytes at 10^6 edges (JDK 25, compressed oops), before any algorithm's own maps.
     */
    static final long BYTES_PER_EDGE_ESTIMATE = 260;
    static final String NAME = "jgrapht";

    public JGraphTComparison {
        if (maxEdges < 0 || greedyMaxEdges < 0) {
            throw new IllegalArgumentException("JGraphT limits must not be negative");
        }
    }

    public static JGraphTComparison defaults() {
        return new JGraphTComparison(DEFAULT_MAX_EDGES, DEFAULT_GREEDY_MAX_EDGES);
    }

    /** {@code bench community} with JGraphT as the reference; same options plus the two JGraphT limits. */
    public static void main(String[] args) {
        CommunityBenchmark.Config d = CommunityBenchmark.Config.defaults();
        long[] edges = d.edgeCounts();
        long seed = d.seed();
        long max = DEFAULT_MAX_EDGES;
        long greedyMax = DEFAULT_GREEDY_MAX_EDGES;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--edges" -> edges = java.util.Arrays.stream(value.split(",")).mapToLong(Long::parseLong).toArray();
                case "--seed" -> seed = Long.parseLong(value);
                case "--jgrapht-max-edges" -> max = Long.parseLong(value);
                case "--jgrapht-greedy-max-edges" -> greedyMax = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + ": use --edges, --seed, "
                        + "--jgrapht-max-edges, --jgrapht-greedy-max-edges");
            }
        }
        CommunityBenchmark.run(System.out, new CommunityBenchmark.Config(edges, seed, d.groupSize(), d.maxIterations(),
                d.warmUp()), List.of(new JGraphTComparison(max, greedyMax)));
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "JGraphT %s (SimpleWeightedGraph): label propagation up to %,d edges, greedy "
                + "modularity up to %,d edges; Girvan-Newman and naive greedy modularity not run (far too slow beyond toy "
                + "graphs)", version(), maxEdges, greedyMaxEdges);
    }

    @Override
    public List<CommunityBenchmark.Row> run(long edges, CsrGraph graph, int[] truth, long seed) {
        boolean labelPropagation = edges <= maxEdges;
        boolean greedy = edges <= greedyMaxEdges;
        Graph<Integer, DefaultWeightedEdge> jgraph = null;
        double build = Double.NaN;
        if (labelPropagation || greedy) {
            long start = System.nanoTime();
            jgraph = toJGraphT(graph);
            build = CommunityBenchmark.seconds(start);
        }
        List<CommunityBenchmark.Row> rows = new ArrayList<>();
        if (labelPropagation) {
            Random random = new Random(seed);
            rows.add(run(edges, "label_propagation", build, graph, truth, g -> new LabelPropagationClustering<>(g, random),
                    jgraph));
        } else {
            rows.add(skipped(edges, graph.nodeCount(), "label_propagation", maxEdges));
        }
        if (greedy) {
            rows.add(run(edges, "greedy_modularity", build, graph, truth, GreedyModularityAlgorithm::new, jgraph));
        } else {
            rows.add(skipped(edges, graph.nodeCount(), "greedy_modularity", greedyMaxEdges));
        }
        return rows;
    }

    private static CommunityBenchmark.Row skipped(long edges, int nodes, String algorithm, long limit) {
        String note = String.format(Locale.ROOT, "skipped: above %,d edges (graph alone would need ~%.1f GB heap)",
                limit, edges * (double) BYTES_PER_EDGE_ESTIMATE / 1e9);
        if (algorithm.equals("greedy_modularity")) {
            note += "; superlinear time (~44 s at 10^5 edges)";
        }
        return new CommunityBenchmark.Row(edges, nodes, NAME, algorithm, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                0, 0, note);
    }

    private static CommunityBenchmark.Row run(long edges, String name, double build, CsrGraph graph, int[] truth,
            Function<Graph<Integer, DefaultWeightedEdge>, ClusteringAlgorithm<Integer>> algorithm,
            Graph<Integer, DefaultWeightedEdge> jgraph) {
        long start = System.nanoTime();
        ClusteringAlgorithm.Clustering<Integer> clustering = algorithm.apply(jgraph).getClustering();
        double time = CommunityBenchmark.seconds(start);
        int[] membership = new int[graph.nodeCount()];
        List<Set<Integer>> clusters = clustering.getClusters();
        for (int c = 0; c < clusters.size(); c++) {
            for (int v : clusters.get(c)) {
                membership[v] = c;
            }
        }
        return new CommunityBenchmark.Row(edges, graph.nodeCount(), NAME, name, build, time,
                Modularity.of(graph, membership, 1.0), NormalizedMutualInformation.of(membership, truth), clusters.size(),
                0, "");
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
                    g.setEdgeWeight(g.addEdge(v, u), weights[e]);
                }
            }
        }
        return g;
    }

    private static String version() {
        Package p = Graph.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "1.5.3" : v;
    }
}
