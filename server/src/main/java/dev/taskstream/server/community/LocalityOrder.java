package dev.taskstream.server.community;

/**
 * Renumbers the nodes of a level so that the members of each community get consecutive ids.
 *
 * <p>Why: on large graphs Leiden is bound by cache misses, mostly the look-ups of the neighbours'
 * communities. Once a first iteration has found the communities, most edges run inside one, so
 * after this renumbering those look-ups hit nearby memory and the following iterations run
 * several times faster. The price is one copy of the adjacency.
 */
final class LocalityOrder {

    /** The renumbered graph and {@code newToOld[newId] = oldId}. */
    record Renumbered(LevelGraph graph, int[] newToOld) {
    }

    private LocalityOrder() {
    }

    /**
     * @param community dense community ids {@code 0..n-1}; rewritten in place to the new node ids
     */
    static Renumbered byCommunity(LevelGraph g, int[] community) {
        int n = g.nodeCount;
        // Counting sort of the nodes by community; stable, so the order inside a community is kept.
        int[] start = new int[n + 1];
        for (int v = 0; v < n; v++) {
            start[community[v] + 1]++;
        }
        for (int c = 0; c < n; c++) {
            start[c + 1] += start[c];
        }
        int[] newToOld = new int[n];
        int[] oldToNew = new int[n];
        for (int v = 0; v < n; v++) {
            int id = start[community[v]]++;
            newToOld[id] = v;
            oldToNew[v] = id;
        }

        int[] offsets = new int[n + 1];
        int[] neighbors = new int[g.neighbors.length];
        double[] weights = new double[g.weights.length];
        double[] nodeWeights = new double[n];
        int[] permutedCommunity = new int[n];
        int pos = 0;
        for (int id = 0; id < n; id++) {
            int v = newToOld[id];
            for (int e = g.offsets[v]; e < g.offsets[v + 1]; e++) {
                neighbors[pos] = oldToNew[g.neighbors[e]];
                weights[pos] = g.weights[e];
                pos++;
            }
            offsets[id + 1] = pos;
            nodeWeights[id] = g.nodeWeights[v];
            permutedCommunity[id] = community[v];
        }
        System.arraycopy(permutedCommunity, 0, community, 0, n);
        return new Renumbered(new LevelGraph(n, offsets, neighbors, weights, nodeWeights), newToOld);
    }
}
