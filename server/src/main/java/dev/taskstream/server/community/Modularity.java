package dev.taskstream.server.community;

/**
 * Newman modularity of a partition of a weighted undirected graph, with a resolution parameter γ:
 *
 * <pre>  Q = Σ_c [ L_c / m − γ · (d_c / 2m)² ]</pre>
 *
 * where m is the total edge weight, L_c the weight of the edges inside community c and d_c the
 * sum of the strengths of its nodes. By convention Q = 0 for a graph without edges (m = 0), where
 * the formula is undefined.
 */
public final class Modularity {

    private Modularity() {
    }

    /**
     * @param membership community of each node; any non-negative ids (they need not be dense)
     */
    public static double of(CsrGraph graph, int[] membership, double resolution) {
        int n = graph.nodeCount();
        if (membership.length != n) {
            throw new IllegalArgumentException("membership has " + membership.length + " entries for " + n + " nodes");
        }
        double m = graph.totalEdgeWeight();
        if (m == 0) {
            return 0;
        }
        int maxId = -1;
        for (int c : membership) {
            if (c < 0) {
                throw new IllegalArgumentException("community ids must be >= 0, got " + c);
            }
            maxId = Math.max(maxId, c);
        }
        double[] inside = new double[maxId + 1]; // 2 L_c: each internal edge is seen from both ends
        double[] strength = new double[maxId + 1];
        int[] offsets = graph.offsets();
        int[] neighbors = graph.neighbors();
        double[] weights = graph.weights();
        for (int v = 0; v < n; v++) {
            int c = membership[v];
            strength[c] += graph.strength(v);
            for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                if (membership[neighbors[e]] == c) {
                    inside[c] += weights[e];
                }
            }
        }
        double q = 0;
        for (int c = 0; c <= maxId; c++) {
            double share = strength[c] / (2 * m);
            q += inside[c] / (2 * m) - resolution * share * share;
        }
        return q;
    }
}
