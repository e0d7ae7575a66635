package dev.taskstream.server.community;

import java.util.SplittableRandom;

/**
 * The Leiden algorithm (Traag, Waltman &amp; van Eck, "From Louvain to Leiden: guaranteeing
 * well-connected communities", Sci. Rep. 9, 5233, 2019) maximising modularity with resolution γ.
 *
 * <p>One iteration runs, level by level until no aggregation is possible:
 * {@link FastLocalMoving fast local moving} → {@link Refinement refinement} inside each community
 * → {@link Aggregation aggregation} of the refined communities, with the aggregate nodes starting
 * in the community of their (unrefined) members. Iterations repeat, each starting from the
 * previous partition, until one moves no node at any level or the iteration cap is hit.
 *
 * <p>Every community of the result is connected. The refinement already guarantees this; as a
 * cheap O(n + m) safety net for the rare early exit when refinement merges nothing, the result is
 * also split into connected components, which can only raise modularity.
 *
 * <p>The result depends only on the graph and the options: the random generator is seeded, and
 * it drives the node-visit orders and the refinement's random choices.
 */
public final class Leiden {

    private final double resolution;
    private final long seed;
    private final int maxIterations;

    public Leiden(double resolution, long seed, int maxIterations) {
        if (!Double.isFinite(resolution) || resolution <= 0) {
            throw new IllegalArgumentException("resolution must be a finite number > 0, got " + resolution);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        this.resolution = resolution;
        this.seed = seed;
        this.maxIterations = maxIterations;
    }

    /** Runs Leiden; progress is reported between iterations (see {@link DetectionMonitor}). */
    public DetectionResult run(CsrGraph graph, DetectionMonitor monitor) {
        ProgressReporter progress = new ProgressReporter(monitor);
        int n = graph.nodeCount();
        int[] membership = new int[n];
        for (int v = 0; v < n; v++) {
            membership[v] = v;
        }
        progress.report(0, 0.0);
        int iterations = 0;
        if (graph.totalEdgeWeight() > 0) {
            double scaledResolution = resolution / (2 * graph.totalEdgeWeight());
            SplittableRandom random = new SplittableRandom(seed);
            LevelGraph base = LevelGraph.of(graph);
            int[] newToOld = null; // set once the nodes have been renumbered for locality
            boolean changed = true;
            while (changed && iterations < maxIterations) {
                changed = iterate(base, membership, scaledResolution, random);
                iterations++;
                boolean finished = !changed || iterations == maxIterations;
                if (!finished && newToOld == null) {
                    LocalityOrder.Renumbered renumbered = LocalityOrder.byCommunity(base, membership);
                    base = renumbered.graph();
                    newToOld = renumbered.newToOld();
                }
                // Leiden usually settles within a handful of iterations; the later ones are cheaper.
                double estimate = finished ? 1.0
                        : Math.max((double) iterations / maxIterations, 1.0 - 1.0 / (iterations + 1));
                progress.report(iterations, estimate);
            }
            if (newToOld != null) {
                int[] original = new int[n];
                for (int id = 0; id < n; id++) {
                    original[newToOld[id]] = membership[id];
                }
                membership = original;
            }
            membership = ConnectedSplit.split(graph, membership);
        } else {
            progress.report(0, 1.0);
        }
        CommunityNumbering.canonicalize(membership);
        return CommunityDetector.resultOf(graph, membership, resolution, iterations);
    }

    /**
     * One Leiden iteration on {@code base}, starting from and updating {@code membership} (ids in
     * {@code 0..n-1}, dense on return).
     * @return whether local moving changed any node's community at any level
     */
    private static boolean iterate(LevelGraph base, int[] membership, double scaledResolution, SplittableRandom random) {
        LevelGraph level = base;
        int[] community = membership; // level 0 works on the caller's array directly
        int[] nodeToLevel = null;     // original node -> node of the current level (null: identity)
        boolean changed = false;
        while (true) {
            changed |= FastLocalMoving.run(level, community, scaledResolution, random);
            int communityCount = Refinement.renumber(community);
            if (communityCount == level.nodeCount) {
                break; // every node is its own community: nothing left to aggregate
            }
            int[] refined = new int[level.nodeCount];
            int refinedCount = Refinement.run(level, community, scaledResolution, random, refined);
            if (refinedCount == level.nodeCount) {
                break; // refinement merged nothing, aggregating would not shrink the graph
            }
            LevelGraph next = Aggregation.run(level, refined, refinedCount);
            int[] nextCommunity = new int[refinedCount];
            for (int v = 0; v < level.nodeCount; v++) {
                nextCommunity[refined[v]] = community[v];
            }
            if (nodeToLevel == null) {
                nodeToLevel = refined;
            } else {
                for (int v = 0; v < nodeToLevel.length; v++) {
                    nodeToLevel[v] = refined[nodeToLevel[v]];
                }
            }
            level = next;
            community = nextCommunity;
        }
        if (nodeToLevel != null) {
            for (int v = 0; v < membership.length; v++) {
                membership[v] = community[nodeToLevel[v]];
            }
        }
        return changed;
    }
}
