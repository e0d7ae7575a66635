package dev.taskstream.server.community;

import java.util.Arrays;

/**
 * Collapses each (refined) community of a level into one node of the next level: edges between
 * communities are summed, edges inside a community disappear (their weight stays accounted for in
 * the node weight, which is the sum of the members' weights).
 */
final class Aggregation {

    private Aggregation() {
    }

    /** @param cluster dense cluster id {@code 0..k-1} of every node of {@code g} */
    static LevelGraph run(LevelGraph g, int[] cluster, int k) {
        int n = g.nodeCount;
        int[] offsets = g.offsets;
        int[] neighbors = g.neighbors;
        double[] weights = g.weights;

        // Group the nodes by cluster (counting sort).
        int[] memberStart = new int[k + 1];
        for (int v = 0; v < n; v++) {
            memberStart[cluster[v] + 1]++;
        }
        for (int c = 0; c < k; c++) {
            memberStart[c + 1] += memberStart[c];
        }
        int[] members = new int[n];
        int[] fill = Arrays.copyOf(memberStart, k);
        double[] nodeWeights = new double[k];
        for (int v = 0; v < n; v++) {
            members[fill[cluster[v]]++] = v;
            nodeWeights[cluster[v]] += g.nodeWeights[v];
        }

        // One row per cluster; the old adjacency size bounds the new one.
        int[] newOffsets = new int[k + 1];
        int[] newNeighbors = new int[neighbors.length];
        double[] newWeights = new double[neighbors.length];
        double[] linkWeight = new double[k];
        int[] linked = new int[k];
        int size = 0;
        for (int c = 0; c < k; c++) {
            int linkedCount = 0;
            for (int i = memberStart[c]; i < memberStart[c + 1]; i++) {
                int v = members[i];
                for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                    int d = cluster[neighbors[e]];
                    if (d != c) {
                        if (linkWeight[d] == 0) {
                            linked[linkedCount++] = d;
                        }
                        linkWeight[d] += weights[e];
                    }
                }
            }
            for (int i = 0; i < linkedCount; i++) {
                int d = linked[i];
                newNeighbors[size] = d;
                newWeights[size] = linkWeight[d];
                linkWeight[d] = 0;
                size++;
            }
            newOffsets[c + 1] = size;
        }
        return new LevelGraph(k, newOffsets, Arrays.copyOf(newNeighbors, size), Arrays.copyOf(newWeights, size), nodeWeights);
    }
}
