package dev.taskstream.server.community;

import java.util.Arrays;

/**
 * Collapses each (refined) community of a level into one node of the next level: edges between
 * communities are summed, edges inside a community disappear (their weight stays accounted for in
 * the node weight, which is the sum of the members' weights). On large levels the rows of the
 * two halves of the clusters are built on two threads; the result is the same either way.
 */
final class Aggregation {

    private Aggregation() {
    }

    /** @param cluster dense cluster id {@code 0..k-1} of every node of {@code g} */
    static LevelGraph run(LevelGraph g, int[] cluster, int k) {
        int n = g.nodeCount;
        int[] offsets = g.offsets;

        // Group the nodes by cluster (counting sort); work[c + 1] = adjacency entries of cluster c.
        int[] memberStart = new int[k + 1];
        long[] work = new long[k + 1];
        for (int v = 0; v < n; v++) {
            memberStart[cluster[v] + 1]++;
            work[cluster[v] + 1] += offsets[v + 1] - offsets[v];
        }
        for (int c = 0; c < k; c++) {
            memberStart[c + 1] += memberStart[c];
            work[c + 1] += work[c];
        }
        int[] members = new int[n];
        int[] fill = Arrays.copyOf(memberStart, k);
        double[] nodeWeights = new double[k];
        for (int v = 0; v < n; v++) {
            members[fill[cluster[v]]++] = v;
            nodeWeights[cluster[v]] += g.nodeWeights[v];
        }

        // The rows of the two halves of the clusters are independent: build them concurrently.
        int split = Parallel.split(work, k);
        Rows first = new Rows(g, cluster, k, memberStart, members, 0, split, work);
        Rows second = new Rows(g, cluster, k, memberStart, members, split, k, work);
        Parallel.run(Parallel.worthIt(work[k]), first::build, second::build);

        int size = first.size + second.size;
        int[] newOffsets = new int[k + 1];
        for (int c = 0; c < split; c++) {
            newOffsets[c + 1] = first.rowEnd[c];
        }
        for (int c = split; c < k; c++) {
            newOffsets[c + 1] = first.size + second.rowEnd[c - split];
        }
        int[] newNeighbors = Arrays.copyOf(first.neighbors, size);
        double[] newWeights = Arrays.copyOf(first.weights, size);
        System.arraycopy(second.neighbors, 0, newNeighbors, first.size, second.size);
        System.arraycopy(second.weights, 0, newWeights, first.size, second.size);
        return new LevelGraph(k, newOffsets, newNeighbors, newWeights, nodeWeights);
    }

    /** The aggregated rows of clusters {@code from..to-1}. */
    private static final class Rows {
        private final LevelGraph g;
        private final int[] cluster;
        private final int k;
        private final int[] memberStart;
        private final int[] members;
        private final int from;
        private final int to;
        final int[] rowEnd;   // end of the row of cluster from + i, relative to this part
        final int[] neighbors;
        final double[] weights;
        int size;

        Rows(LevelGraph g, int[] cluster, int k, int[] memberStart, int[] members, int from, int to, long[] work) {
            this.g = g;
            this.cluster = cluster;
            this.k = k;
            this.memberStart = memberStart;
            this.members = members;
            this.from = from;
            this.to = to;
            this.rowEnd = new int[to - from];
            int bound = (int) (work[to] - work[from]); // the old adjacency size bounds the new one
            this.neighbors = new int[bound];
            this.weights = new double[bound];
        }

        void build() {
            int[] offsets = g.offsets;
            int[] oldNeighbors = g.neighbors;
            double[] oldWeights = g.weights;
            double[] linkWeight = new double[k];
            int[] linked = new int[k];
            int pos = 0;
            for (int c = from; c < to; c++) {
                int linkedCount = 0;
                for (int i = memberStart[c]; i < memberStart[c + 1]; i++) {
                    int v = members[i];
                    for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                        int d = cluster[oldNeighbors[e]];
                        if (d != c) {
                            if (linkWeight[d] == 0) {
                                linked[linkedCount++] = d;
                            }
                            linkWeight[d] += oldWeights[e];
                        }
                    }
                }
                for (int i = 0; i < linkedCount; i++) {
                    int d = linked[i];
                    neighbors[pos] = d;
                    weights[pos] = linkWeight[d];
                    linkWeight[d] = 0;
                    pos++;
                }
                rowEnd[c - from] = pos;
            }
            size = pos;
        }
    }
}
