package dev.taskstream.bench;

import dev.taskstream.bench.community.LfrLikeGenerator;
import dev.taskstream.bench.community.NormalizedMutualInformation;
import dev.taskstream.bench.community.PlantedPartition;
import dev.taskstream.server.community.Algorithm;
import dev.taskstream.server.community.CommunityDetector;
import dev.taskstream.server.community.CsrGraph;
import dev.taskstream.server.community.DetectionOptions;
import dev.taskstream.server.community.DetectionResult;
import dev.taskstream.server.community.Modularity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code quality}: how well each algorithm finds planted structure as the mixing μ rises
 * (issue 26). Modularity alone hid a gap: a partition can score well and still merge planted
 * communities. So every run is also scored against the planted truth with NMI.
 *
 * <p>For each node count, μ and seed: one LFR-like graph ({@link LfrLikeGenerator}: τ1 = 3, τ2 = 1.5,
 * average degree 20, communities from 20 nodes; the graph and the algorithms use the same seed),
 * Taskstream's Leiden and label propagation, and, when python-igraph is installed, igraph's
 * {@code community_leiden(objective_function="modularity", n_iterations=-1)} (run to convergence, not
 * its default 2 iterations) and {@code community_label_propagation()} on the very same edge list
 * (the {@code bench/igraph_compare.py} script of {@link IgraphComparison}). NMI and modularity
 * (resolution 1) of every result are computed here, the same way for all four.
 *
 * <p>Prints one line per run, then a summary per (n, μ): mean and minimum NMI over the seeds and
 * mean modularity per algorithm, and the largest μ at which each algorithm's mean NMI is still at
 * least {@link #FOUND}.
 */
public final class QualitySweep {

    /** Mean NMI from which an algorithm counts as finding the planted structure. */
    static final double FOUND = 0.9;
    static final String IGRAPH_ALGORITHMS = "leiden_converged,label_propagation";

    /** One algorithm on one graph. */
    public record Run(int nodes, double mixing, long seed, String algorithm, double seconds, double nmi,
            double modularity, int communities, double largestShare) {
    }

    private final PrintWriter out;
    private final String python;
    private boolean igraphMissing;

    /** @param python interpreter with python-igraph, or null to run Taskstream's algorithms only */
    public QualitySweep(PrintWriter out, String python) {
        this.out = out;
        this.python = python;
    }

    public List<Run> run(List<Integer> nodeCounts, List<Double> mixings, List<Long> seeds) {
        out.printf(Locale.ROOT, "Quality sweep: LFR-like graphs (tau1 3, tau2 1.5, average degree 20, communities "
                + "from 20 nodes), graph and algorithm seed %s; NMI against the planted communities, modularity at "
                + "resolution 1.%n", seeds);
        out.printf(Locale.ROOT, "Taskstream: leiden, label_propagation (defaults: resolution 1, at most %d "
                + "iterations). igraph: %s%n", DetectionOptions.DEFAULT_MAX_ITERATIONS, python == null ? "not run"
                : "community_leiden(objective_function=\"modularity\", n_iterations=-1) and "
                + "community_label_propagation() via " + python);
        out.printf(Locale.ROOT, "%7s %5s %5s  %-28s %9s %7s %10s %11s %8s%n", "nodes", "mu", "seed", "algorithm",
                "seconds", "NMI", "modularity", "communities", "largest");
        List<Run> runs = new ArrayList<>();
        for (int n : nodeCounts) {
            for (double mu : mixings) {
                for (long seed : seeds) {
                    runs.addAll(runGraph(n, mu, seed));
                }
            }
        }
        printSummary(runs);
        return runs;
    }

    private List<Run> runGraph(int n, double mu, long seed) {
        PlantedPartition lfr = LfrLikeGenerator.generate(LfrLikeGenerator.Params.of(n, mu), seed);
        CsrGraph graph = lfr.toGraph();
        int[] truth = lfr.membership();
        List<Run> runs = new ArrayList<>();
        CommunityDetector detector = new CommunityDetector();
        for (Algorithm algorithm : Algorithm.values()) {
            DetectionOptions options = DetectionOptions.defaults(algorithm).withSeed(seed);
            long start = System.nanoTime();
            DetectionResult r = detector.detect(graph, options, null);
            double seconds = (System.nanoTime() - start) / 1e9;
            runs.add(print(score(n, mu, seed, "taskstream " + algorithm.wireName(), seconds, graph, r.membership(),
                    truth)));
        }
        if (python != null && !igraphMissing) {
            runs.addAll(runIgraph(n, mu, seed, graph, truth));
        }
        return runs;
    }

    private static Run score(int n, double mu, long seed, String algorithm, double seconds, CsrGraph graph,
            int[] membership, int[] truth) {
        int[] sizes = new int[membership.length + 1];
        int communities = 0;
        int largest = 0;
        for (int c : membership) {
            if (sizes[c]++ == 0) {
                communities++;
            }
            largest = Math.max(largest, sizes[c]);
        }
        return new Run(n, mu, seed, algorithm, seconds, NormalizedMutualInformation.of(membership, truth),
                Modularity.of(graph, membership, 1.0), communities, (double) largest / membership.length);
    }

    private List<Run> runIgraph(int n, double mu, long seed, CsrGraph graph, int[] truth) {
        IgraphScript.Outcome igraph = IgraphScript.run(python, graph, seed, IGRAPH_ALGORITHMS);
        List<Run> runs = new ArrayList<>();
        for (IgraphScript.Result r : igraph.results()) {
            String name = "igraph " + (r.algorithm().equals("leiden_converged") ? "leiden" : r.algorithm());
            runs.add(print(score(n, mu, seed, name, r.seconds(), graph, r.membership(), truth)));
        }
        if (igraph.problem() != null) {
            out.println(igraph.problem());
        }
        igraphMissing = igraph.notInstalled();
        return runs;
    }

    private Run print(Run r) {
        out.printf(Locale.ROOT, "%,7d %5.2f %5d  %-28s %9.3f %7.4f %10.5f %,11d %7.1f%%%n", r.nodes(), r.mixing(), r.seed(),
                r.algorithm(), r.seconds(), r.nmi(), r.modularity(), r.communities(), 100 * r.largestShare());
        out.flush();
        return r;
    }

    /** Mean (min) NMI and mean modularity per (n, μ) and algorithm, as a Markdown table. */
    private void printSummary(List<Run> runs) {
        List<String> algorithms = runs.stream().map(Run::algorithm).distinct().toList();
        out.println();
        out.println("Summary: mean NMI over the seeds (lowest in brackets) / mean modularity");
        StringBuilder header = new StringBuilder("| n | μ |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String a : algorithms) {
            header.append(' ').append(a).append(" |");
            rule.append("---|");
        }
        out.println(header);
        out.println(rule);
        Map<String, List<Run>> groups = new LinkedHashMap<>();
        for (Run r : runs) {
            groups.computeIfAbsent(String.format(Locale.ROOT, "| %,d | %.1f |", r.nodes(), r.mixing()), k -> new ArrayList<>())
                    .add(r);
        }
        Map<String, Map<Integer, Double>> lastFound = new LinkedHashMap<>();
        for (Map.Entry<String, List<Run>> g : groups.entrySet()) {
            StringBuilder line = new StringBuilder(g.getKey());
            for (String a : algorithms) {
                List<Run> mine = g.getValue().stream().filter(r -> r.algorithm().equals(a)).toList();
                if (mine.isEmpty()) {
                    line.append(" – |");
                    continue;
                }
                double nmi = mine.stream().mapToDouble(Run::nmi).average().orElseThrow();
                double low = mine.stream().mapToDouble(Run::nmi).min().orElseThrow();
                double q = mine.stream().mapToDouble(Run::modularity).average().orElseThrow();
                line.append(String.format(Locale.ROOT, " %.3f (%.2f) / %.3f |", nmi, low, q));
                if (nmi >= FOUND) {
                    Run first = mine.getFirst();
                    lastFound.computeIfAbsent(a, k -> new LinkedHashMap<>()).merge(first.nodes(), first.mixing(), Math::max);
                }
            }
            out.println(line);
        }
        out.println();
        out.printf(Locale.ROOT, "Largest μ with mean NMI >= %.1f:%n", FOUND);
        for (String a : algorithms) {
            out.printf(Locale.ROOT, "  %-28s %s%n", a, lastFound.getOrDefault(a, Map.of()));
        }
        out.flush();
    }

}
