package dev.taskstream.server.community;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The fast local moving phase of Leiden: nodes are taken from a queue (initially all nodes in a
 * seeded random order with locality: random blocks of consecutive ids, random inside a block) and moved to the neighbouring community with the largest modularity gain;
 * when a node moves, its neighbours outside the new community are queued again if they were
 * stable. Ends when the queue is empty.
 *
 * <p>Gain of putting node i (weight k_i, taken out of its community) into community c:
 * {@code k_i,c − scaledResolution · k_i · K_c}, with {@code scaledResolution = γ / 2m}; this is
 * m times the modularity change. A node stays unless another community is strictly better, and
 * may move to an empty community (gain 0) when staying is worse than being alone.
 */
final class FastLocalMoving {

    /** Block size of the initial visit order, see {@link RandomOrder#blockPermutation}. */
    static final int VISIT_BLOCK = 256;

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
        int[] queue = RandomOrder.blockPermutation(n, VISIT_BLOCK, random);
        boolean[] inQueue = new boolean[n];
        Arrays.fill(inQueue, true);
        int head = 0;
        int queued = n;

        // Scratch: weight from the current node to each neighbouring community, in a small
        // open-addressing table sized to the node's degree. A dense array indexed by community
        // would cost one more cache miss per neighbour on large graphs; this table stays in L1.
        int maxDegree = 0;
        for (int v = 0; v < n; v++) {
            maxDegree = Math.max(maxDegree, offsets[v + 1] - offsets[v]);
        }
        int[] slotCommunity = new int[tableCapacity(maxDegree)];
        Arrays.fill(slotCommunity, -1);
        double[] slotWeight = new double[slotCommunity.length];
        int[] usedSlots = new int[maxDegree];
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

            int start = offsets[v];
            int end = offsets[v + 1];
            int capacity = tableCapacity(end - start);
            int shift = 32 - Integer.numberOfTrailingZeros(capacity);
            int mask = capacity - 1;
            int linkedCount = 0;
            for (int e = start; e < end; e++) {
                int c = community[neighbors[e]];
                int slot = (c * 0x9E3779B9) >>> shift;
                while (true) {
                    int key = slotCommunity[slot];
                    if (key == c) {
                        slotWeight[slot] += weights[e];
                        break;
                    }
                    if (key < 0) {
                        slotCommunity[slot] = c;
                        slotWeight[slot] = weights[e];
                        usedSlots[linkedCount++] = slot;
                        break;
                    }
                    slot = (slot + 1) & mask;
                }
            }

            double linkToCurrent = 0;
            for (int i = 0; i < linkedCount; i++) {
                if (slotCommunity[usedSlots[i]] == current) {
                    linkToCurrent = slotWeight[usedSlots[i]];
                    break;
                }
            }
            int best = current;
            double stayGain = linkToCurrent - scaledResolution * w * communityWeight[current];
            double bestGain = stayGain;
            for (int i = 0; i < linkedCount; i++) {
                int slot = usedSlots[i];
                int c = slotCommunity[slot];
                double gain = slotWeight[slot] - scaledResolution * w * communityWeight[c];
                if (gain > bestGain) {
                    best = c;
                    bestGain = gain;
                }
                slotCommunity[slot] = -1;
            }
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

    /** Power of two ≥ 2 · degree (at least 16): the table stays at most half full. */
    static int tableCapacity(int degree) {
        return Math.max(16, Integer.highestOneBit(Math.max(1, 2 * degree - 1)) << 1);
    }
}
