package dev.taskstream.server.community;

import java.util.SplittableRandom;

/**
 * The refinement phase of Leiden: inside every community S of the current partition, start from
 * singletons and merge nodes into refined communities, visiting nodes in a seeded random order.
 *
 * <p>Only a node that is still a singleton and is well connected to S may move, and only into a
 * refined community R ⊆ S that it has an edge to, that is itself well connected to S, and whose
 * gain is ≥ 0. "Well connected" is the γ-connectivity test of the paper:
 * {@code w(X, S−X) ≥ scaledResolution · K_X · (K_S − K_X)}. Because every merge joins a node to a
 * refined community it has an edge to, refined communities are always connected; the aggregate
 * graph is built from them, which is what gives Leiden its connectivity guarantee.
 *
 * <p>Communities are refined independently (see {@link Phase}), on two threads when the level is
 * large; the result depends only on the seed, not on the number of threads.
 *
 * <p>Among candidates with gain ≥ 0 the target is drawn with probability ∝ exp(gain / θ), with
 * θ = {@value #RANDOMNESS} as in the reference implementation: essentially greedy, but a little
 * randomness lets the later local moving explore better partitions.
 */
final class Refinement {

    static final double RANDOMNESS = 0.01;

    private Refinement() {
    }

    /**
     * @param community current (non-refined) partition, ids {@code 0..n-1}
     * @param refined   output: refined community of each node, dense {@code 0..k-1}
     * @return k, the number of refined communities
     */
    static int run(LevelGraph g, int[] community, double scaledResolution, SplittableRandom random, int[] refined) {
        int n = g.nodeCount;
        int[] offsets = g.offsets;
        int maxId = -1;
        for (int v = 0; v < n; v++) {
            maxId = Math.max(maxId, community[v]);
        }
        int k = maxId + 1;
        // Group the nodes by community (counting sort, stable); work = adjacency entries + nodes.
        int[] memberStart = new int[k + 1];
        for (int v = 0; v < n; v++) {
            memberStart[community[v] + 1]++;
        }
        for (int c = 0; c < k; c++) {
            memberStart[c + 1] += memberStart[c];
        }
        int[] members = new int[n];
        int[] fill = java.util.Arrays.copyOf(memberStart, k);
        long[] work = new long[k + 1];
        int maxDegree = 0;
        for (int v = 0; v < n; v++) {
            int c = community[v];
            members[fill[c]++] = v;
            int degree = offsets[v + 1] - offsets[v];
            work[c + 1] += degree + 1;
            maxDegree = Math.max(maxDegree, degree);
        }
        for (int c = 0; c < k; c++) {
            work[c + 1] += work[c];
        }
        for (int v = 0; v < n; v++) {
            refined[v] = v; // refined communities are identified by their founding node
        }
        Phase phase = new Phase(g, community, scaledResolution, random.nextLong(), refined, memberStart, members);
        int split = Parallel.split(work, k);
        int size = maxDegree;
        Parallel.run(Parallel.worthIt(work[k]),
                () -> phase.refine(0, split, size),
                () -> phase.refine(split, k, size));
        return renumber(refined);
    }

    /**
     * The refinement of one partition. Communities are refined independently of each other (a
     * node only ever joins a refined community inside its own community), each with its own
     * random generator derived from the seed and the community id, visiting its members in a
     * random order. So the result does not depend on the order in which communities are
     * processed, and two disjoint ranges of communities can be refined concurrently: every array
     * written below is indexed by nodes of the community being refined.
     */
    private static final class Phase {
        final int[] offsets;
        final int[] neighbors;
        final double[] weights;
        final double[] nodeWeights;
        final int[] community;
        final double scaledResolution;
        final long seed;
        final int[] refined;
        final int[] memberStart;
        final int[] members;
        final double[] refinedWeight;
        final double[] externalWeight; // weight from the refined community to the rest of its S
        final boolean[] nonSingleton;
        final double[] linkWeight;     // scratch, indexed by refined community (= founding node)

        Phase(LevelGraph g, int[] community, double scaledResolution, long seed, int[] refined,
                int[] memberStart, int[] members) {
            int n = g.nodeCount;
            this.offsets = g.offsets;
            this.neighbors = g.neighbors;
            this.weights = g.weights;
            this.nodeWeights = g.nodeWeights;
            this.community = community;
            this.scaledResolution = scaledResolution;
            this.seed = seed;
            this.refined = refined;
            this.memberStart = memberStart;
            this.members = members;
            this.refinedWeight = new double[n];
            this.externalWeight = new double[n];
            this.nonSingleton = new boolean[n];
            this.linkWeight = new double[n];
        }

        /** Refines communities {@code from..to-1}. */
        void refine(int from, int to, int maxDegree) {
            int[] candidates = new int[maxDegree];
            double[] cumulative = new double[maxDegree];
            for (int c = from; c < to; c++) {
                int start = memberStart[c];
                int end = memberStart[c + 1];
                if (end - start < 2) {
                    continue; // a singleton (or empty) community refines to itself
                }
                double totalInS = 0;
                for (int i = start; i < end; i++) {
                    int v = members[i];
                    double sum = 0;
                    for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                        if (community[neighbors[e]] == c) {
                            sum += weights[e];
                        }
                    }
                    externalWeight[v] = sum;
                    refinedWeight[v] = nodeWeights[v];
                    totalInS += nodeWeights[v];
                }
                SplittableRandom random = new SplittableRandom(mix(seed, c));
                for (int i = end - 1; i > start; i--) { // Fisher–Yates on this community's members
                    int j = start + random.nextInt(i - start + 1);
                    int t = members[i];
                    members[i] = members[j];
                    members[j] = t;
                }
                for (int i = start; i < end; i++) {
                    visit(members[i], c, totalInS, random, candidates, cumulative);
                }
            }
        }

        private void visit(int v, int c, double totalInS, SplittableRandom random, int[] candidates, double[] cumulative) {
            if (nonSingleton[v]) {
                return; // others joined v's community: v stays as its founder
            }
            double w = nodeWeights[v];
            double toRestOfS = externalWeight[v];
            if (toRestOfS < scaledResolution * w * (totalInS - w)) {
                return; // v is not well connected to its community
            }
            // Take v out of its singleton community.
            refinedWeight[v] = 0;
            externalWeight[v] = 0;

            int linkedCount = 0;
            for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                int u = neighbors[e];
                if (community[u] == c) {
                    int r = refined[u];
                    if (linkWeight[r] == 0) {
                        candidates[linkedCount++] = r;
                    }
                    linkWeight[r] += weights[e];
                }
            }

            // Keep well-connected candidates with gain >= 0; staying alone (gain 0) is the default.
            double maxGain = 0;
            int kept = 0;
            for (int i = 0; i < linkedCount; i++) {
                int r = candidates[i];
                double rw = refinedWeight[r];
                double gain = linkWeight[r] - scaledResolution * w * rw;
                if (gain >= 0 && externalWeight[r] >= scaledResolution * rw * (totalInS - rw)) {
                    candidates[kept] = r;
                    cumulative[kept] = gain; // the gain, until turned into cumulative weights below
                    kept++;
                    maxGain = Math.max(maxGain, gain);
                } else {
                    linkWeight[r] = 0;
                }
            }
            int chosen = v;
            if (kept > 0) {
                // Weights exp((gain - maxGain) / θ) avoid overflow; "stay alone" has gain 0.
                double total = selectionWeight(0, maxGain);
                double stayWeight = total;
                for (int i = 0; i < kept; i++) {
                    total += selectionWeight(cumulative[i], maxGain);
                    cumulative[i] = total;
                }
                double pick = random.nextDouble() * total;
                if (pick >= stayWeight) {
                    int i = 0;
                    while (i < kept - 1 && cumulative[i] <= pick) {
                        i++;
                    }
                    chosen = candidates[i];
                }
            }

            double linkToChosen = chosen == v ? 0 : linkWeight[chosen];
            for (int i = 0; i < kept; i++) {
                linkWeight[candidates[i]] = 0;
            }
            refinedWeight[chosen] += w;
            // Edges between v and the chosen community become internal; v's other edges into S are external.
            externalWeight[chosen] += toRestOfS - 2 * linkToChosen;
            if (chosen != v) {
                refined[v] = chosen;
                nonSingleton[chosen] = true;
            }
        }
    }

    /** Seed of the generator of community {@code c} (SplitMix64 finaliser, so nearby ids get unrelated streams). */
    static long mix(long seed, int c) {
        long z = seed + (c + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * exp((gain − maxGain) / θ), skipping the exp call where the result is negligible (below
     * e^-40 ≈ 4e-18 of the best candidate's weight): that is most candidates, and exp is costly.
     */
    private static double selectionWeight(double gain, double maxGain) {
        double exponent = (gain - maxGain) / RANDOMNESS;
        return exponent < -40 ? 0 : Math.exp(exponent);
    }

    /** Makes ids dense in order of first appearance; returns the number of distinct ids (ids must be < length). */
    static int renumber(int[] ids) {
        int[] dense = new int[ids.length];
        java.util.Arrays.fill(dense, -1);
        int k = 0;
        for (int v = 0; v < ids.length; v++) {
            int id = ids[v];
            if (dense[id] < 0) {
                dense[id] = k++;
            }
            ids[v] = dense[id];
        }
        return k;
    }
}
