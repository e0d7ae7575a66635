package dev.taskstream.server.community;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The fast local moving phase of Leiden: nodes are taken from a queue (initially all nodes in a
 * seeded random order) and moved to the neighbouring community with the largest modularity gain;
 * when a node moves, its neighbours outside the new community are queued again if they were
 * stable. Ends when the queue is empty.
 *
 * <p>Gain of putting node i (weight k_i, taken out of its community) into community c:
 * {@code k_i,c − scaledResolution · k_i · K_c}, with {@code scaledResolution = γ / 2m}; this is
 * m times the modularity change. A node stays unless another community is strictly better, and
 * may move to an empty community (gain 0) when staying is worse than being alone.
 */
final class FastLocalMoving {

    private FastLocalMoving() {
    }

    /**
     * @param community community of each node, ids in {@code 0..n-1}; updated in place
     * @return the total gain of the moves made (each move has gain > 0, so 0 means no node
     *         moved); divided by the total edge weight m it is the modularity increase
     */
    static double run(LevelGraph g, int[] community, double scaledResolution, SplittableRandom random) {
        int n = g.nodeCount;
        int[] offsets = g.offsets;
        int[] neighbors = g.neighbors;
        double[] weights = g.weights;
        double[] nodeWeights = g.nodeWeights;

        double[] communityWeight = new double[n];
        int[] communitySize = new int[n];
        for (int v = 0; v < n; v++) {
            communityWeight[community[v]] += nodeWeights[v];
            communitySize[community[v]]++;
        }
        // Stack of empty community ids, so that a node can always move to a community of its own.
        int[] emptyCommunities = new int[n];
        int emptyCount = 0;
        for (int c = n - 1; c >= 0; c--) {
            if (communitySize[c] == 0) {
                emptyCommunities[emptyCount++] = c;
            }
        }

        // Circular queue holding each node at most once (inQueue marks membership).
        int[] queue = RandomOrder.permutation(n, random);
        boolean[] inQueue = new boolean[n];
        Arrays.fill(inQueue, true);
        int head = 0;
        int queued = n;

        double[] linkWeight = new double[n]; // scratch: weight from the current node to each community
        int[] linked = new int[n];
        double totalGain = 0;

        while (queued > 0) {
            int v = queue[head];
            head = head + 1 == n ? 0 : head + 1;
            queued--;
            inQueue[v] = false;

            int current = community[v];
            double w = nodeWeights[v];
            communityWeight[current] -= w;
            if (--communitySize[current] == 0) {
                communityWeight[current] = 0; // drop floating-point residue
                emptyCommunities[emptyCount++] = current;
            }

            int linkedCount = 0;
            for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                int c = community[neighbors[e]];
                if (linkWeight[c] == 0) {
                    linked[linkedCount++] = c;
                }
                linkWeight[c] += weights[e];
            }

            int best = current;
            double stayGain = linkWeight[current] - scaledResolution * w * communityWeight[current];
            double bestGain = stayGain;
            for (int i = 0; i < linkedCount; i++) {
                int c = linked[i];
                double gain = linkWeight[c] - scaledResolution * w * communityWeight[c];
                if (gain > bestGain) {
                    best = c;
                    bestGain = gain;
                }
                linkWeight[c] = 0;
            }
            linkWeight[current] = 0;
            if (bestGain < 0) {
                best = emptyCommunities[emptyCount - 1]; // being alone (gain 0) beats every option
                bestGain = 0;
            }

            communityWeight[best] += w;
            if (communitySize[best]++ == 0) {
                emptyCount--; // best was the top of the stack: either just vacated or the chosen empty one
            }
            if (best != current) {
                community[v] = best;
                totalGain += bestGain - stayGain;
                for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                    int u = neighbors[e];
                    if (!inQueue[u] && community[u] != best) {
                        int tail = head + queued;
                        queue[tail >= n ? tail - n : tail] = u;
                        queued++;
                        inQueue[u] = true;
                    }
                }
            }
        }
        return totalGain;
    }
}
