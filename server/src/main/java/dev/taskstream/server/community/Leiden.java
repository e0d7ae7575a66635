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
 * previous partition, until one raises modularity by at most {@link #RELATIVE_TOLERANCE} of its
 * value (in particular when no node moves at any level) or the iteration cap is hit. The gain is
 * tracked exactly from the local-moving moves, so this costs nothing.
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

    /**
     * An iteration whose modularity gain is at most this fraction of the modularity reached is
     * the last one: later iterations would only polish the partition by amounts no caller can
     * see, yet each costs a full pass over the graph. On planted-partition graphs of 10^6–10^7
     * edges 1e-5 stops after 4–6 iterations instead of 7–12 (1e-6) or 6–24 (run to no move), for
     * modularity lower by about 1e-5 absolute; the reference implementation runs 2 by default.
     */
    static final double RELATIVE_TOLERANCE = 1e-5;

    /** Runs Leiden; progress is reported between iterations (see {@link DetectionMonitor}). */
    public DetectionResult run(CsrGraph input, DetectionMonitor monitor) {
        CsrGraph graph = input.withNormalizedWeights(); // the same communities whatever the weights' scale
        ProgressReporter progress = new ProgressReporter(monitor);
        int n = graph.nodeCount();
        int[] membership = new int[n];
        for (int v = 0; v < n; v++) {
            membership[v] = v;
        }
        progress.report(0, 0.0);
        int iterations = 0;
        double m = graph.totalEdgeWeight();
        if (m > 0) {
            double scaledResolution = resolution / (2 * m);
            SplittableRandom random = new SplittableRandom(seed);
            Session session = new Session(LevelGraph.of(graph), membership);
            // Modularity of the singleton start; each iteration adds its local-moving gain / m.
            double quality = 0;
            for (int v = 0; v < n; v++) {
                double share = graph.strength(v) / (2 * m);
                quality -= resolution * share * share;
            }
            while (true) {
                double gain = session.iterate(scaledResolution, random) / m;
                iterations++;
                quality += gain;
                boolean finished = gain <= RELATIVE_TOLERANCE * Math.abs(quality) || iterations == maxIterations;
                // Leiden usually settles within a handful of iterations; the later ones are cheaper.
                double estimate = finished ? 1.0
                        : Math.max((double) iterations / maxIterations, 1.0 - 1.0 / (iterations + 1));
                progress.report(iterations, estimate);
                if (finished) {
                    break;
                }
            }
            membership = session.membershipInInputOrder();
            membership = ConnectedSplit.split(graph, membership);
        } else {
            progress.report(0, 1.0);
        }
        CommunityNumbering.canonicalize(membership);
        return CommunityDetector.resultOf(graph, membership, resolution, iterations);
    }

    /**
     * The state carried from one iteration to the next: the level-0 graph and the partition of
     * its nodes. After the first local-moving pass the nodes are renumbered so that communities
     * are contiguous (see {@link LocalityOrder}); everything after that, including the refinement
     * and aggregation of the first iteration, runs on the renumbered graph.
     */
    private static final class Session {
        private LevelGraph base;
        private final int[] membership; // community of each node of base
        private int[] newToOld;          // null until renumbered

        Session(LevelGraph base, int[] membership) {
            this.base = base;
            this.membership = membership;
        }

        int[] membershipInInputOrder() {
            if (newToOld == null) {
                return membership;
            }
            int[] original = new int[membership.length];
            for (int id = 0; id < original.length; id++) {
                original[newToOld[id]] = membership[id];
            }
            return original;
        }

        /**
         * One Leiden iteration on {@code base}, starting from and updating {@code membership}
         * (ids in {@code 0..n-1}, dense on return).
         * @return the total local-moving gain over all levels (modularity increase × m; 0 if no
         *         node moved at any level)
         */
        double iterate(double scaledResolution, SplittableRandom random) {
            LevelGraph level = base;
            int[] community = membership; // level 0 works on the session's array directly
            int[] nodeToLevel = null;     // node of base -> node of the current level (null: identity)
            double gain = 0;
            while (true) {
                gain += FastLocalMoving.run(level, community, scaledResolution, random);
                int communityCount = Refinement.renumber(community);
                if (communityCount == level.nodeCount) {
                    break; // every node is its own community: nothing left to aggregate
                }
                if (level == base && newToOld == null) {
                    LocalityOrder.Renumbered renumbered = LocalityOrder.byCommunity(base, community);
                    base = renumbered.graph();
                    newToOld = renumbered.newToOld();
                    level = base;
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
            return gain;
        }
    }
}
