package dev.taskstream.server.community;

import java.util.Arrays;

/**
 * Undirected weighted graph in compressed sparse row (CSR) form.
 *
 * <p>Node ids are dense {@code 0..nodeCount-1}. Every undirected edge {u,v} appears twice in the
 * adjacency: once in the row of u and once in the row of v, with the same weight. Parallel input
 * edges have already been summed into one entry, self-loops have been dropped, and each row is
 * sorted by neighbour id (see {@link CsrGraphBuilder}).
 *
 * <p>The arrays are exposed for speed (the algorithms read them in hot loops) and must be treated
 * as read-only.
 */
public final class CsrGraph {

    private final int nodeCount;
    private final int[] offsets;
    private final int[] neighbors;
    private final double[] weights;
    private final double[] strengths;
    private final double totalEdgeWeight;

    /** Package-private: graphs are made by {@link CsrGraphBuilder}, which guarantees the invariants. */
    CsrGraph(int nodeCount, int[] offsets, int[] neighbors, double[] weights) {
        this.nodeCount = nodeCount;
        this.offsets = offsets;
        this.neighbors = neighbors;
        this.weights = weights;
        this.strengths = new double[nodeCount];
        double twiceTotal = 0;
        for (int v = 0; v < nodeCount; v++) {
            double s = 0;
            for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                s += weights[e];
            }
            strengths[v] = s;
            twiceTotal += s;
        }
        this.totalEdgeWeight = twiceTotal / 2;
    }

    /** An empty graph with {@code nodeCount} isolated nodes. */
    public static CsrGraph isolatedNodes(int nodeCount) {
        return new CsrGraphBuilder(nodeCount).build();
    }

    public int nodeCount() {
        return nodeCount;
    }

    /** Number of distinct undirected edges (after merging parallel edges and dropping self-loops). */
    public int edgeCount() {
        return neighbors.length / 2;
    }

    /** Row start positions into {@link #neighbors()} / {@link #weights()}; length {@code nodeCount + 1}. */
    public int[] offsets() {
        return offsets;
    }

    public int[] neighbors() {
        return neighbors;
    }

    public double[] weights() {
        return weights;
    }

    public int degree(int node) {
        return offsets[node + 1] - offsets[node];
    }

    /** Weighted degree: the sum of the weights of the edges at {@code node}. */
    public double strength(int node) {
        return strengths[node];
    }

    /** All strengths; read-only. */
    double[] strengths() {
        return strengths;
    }

    /** Sum of the weights of all undirected edges, each counted once (the "m" of modularity). */
    public double totalEdgeWeight() {
        return totalEdgeWeight;
    }

    /**
     * This graph with every weight divided by the largest, so that the largest is 1; this graph itself when it already
     * is (weights of 1, the usual case, are not copied). Modularity and the algorithms' decisions do not depend on the
     * scale of the weights, but their arithmetic does: with weights of 1e-310 (subnormal) the resolution term γ / 2m
     * overflowed to infinity and Leiden kept every node alone, and weights near 1e308 overflow the total. Equal
     * weights of any size become exactly 1, so they give the communities of weight 1; other weights keep their ratios
     * to within rounding. Weights below 1e-308 of the largest underflow to 0, which next to it they as good as are.
     */
    CsrGraph withNormalizedWeights() {
        double max = 0;
        for (double w : weights) {
            max = Math.max(max, w);
        }
        if (max == 0 || max == 1) {
            return this;
        }
        double[] scaled = new double[weights.length];
        for (int e = 0; e < weights.length; e++) {
            scaled[e] = weights[e] / max;
        }
        return new CsrGraph(nodeCount, offsets, neighbors, scaled);
    }

    /** Weight of edge {u,v}, or 0 if there is none (binary search in the sorted row of u). */
    public double weight(int u, int v) {
        int i = Arrays.binarySearch(neighbors, offsets[u], offsets[u + 1], v);
        return i >= 0 ? weights[i] : 0;
    }

    @Override
    public String toString() {
        return "CsrGraph[nodes=" + nodeCount + ", edges=" + edgeCount() + ", totalWeight=" + totalEdgeWeight + "]";
    }
}
