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
 * <p>Among candidates with gain ≥ 0 the target is drawn with probability ∝ exp(gain / θ), with
 * θ = {@value #RANDOMNESS} as in the reference implementation: essentially greedy, but a little
 * randomness lets the later local moving explore better partitions.
 */
final class Refinement {

    static final double RANDOMNESS = 0.01;

    private Refinement() {
    }

    /**
     * @param community current (non-refined) partition, dense ids {@code 0..n-1}
     * @param refined   output: refined community of each node, dense {@code 0..k-1}
     * @return k, the number of refined communities
     */
    static int run(LevelGraph g, int[] community, double scaledResolution, SplittableRandom random, int[] refined) {
        int n = g.nodeCount;
        int[] offsets = g.offsets;
        int[] neighbors = g.neighbors;
        double[] weights = g.weights;
        double[] nodeWeights = g.nodeWeights;

        double[] communityWeight = new double[n];
        for (int v = 0; v < n; v++) {
            communityWeight[community[v]] += nodeWeights[v];
        }
        // Refined communities are identified by their founding node; all start as singletons.
        double[] refinedWeight = nodeWeights.clone();
        double[] externalWeight = new double[n]; // weight from the refined community to the rest of its S
        boolean[] nonSingleton = new boolean[n];
        for (int v = 0; v < n; v++) {
            refined[v] = v;
            int c = community[v];
            double sum = 0;
            for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                if (community[neighbors[e]] == c) {
                    sum += weights[e];
                }
            }
            externalWeight[v] = sum;
        }

        double[] linkWeight = new double[n];
        int[] candidates = new int[n];
        double[] cumulative = new double[n];
        int[] order = RandomOrder.permutation(n, random);
        for (int v : order) {
            if (nonSingleton[v]) {
                continue; // others joined v's community: v stays as its founder
            }
            int c = community[v];
            double w = nodeWeights[v];
            double totalInS = communityWeight[c];
            double toRestOfS = externalWeight[v];
            if (toRestOfS < scaledResolution * w * (totalInS - w)) {
                continue; // v is not well connected to its community
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
        return renumber(refined);
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
