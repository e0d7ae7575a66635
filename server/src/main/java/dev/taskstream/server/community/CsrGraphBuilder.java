package dev.taskstream.server.community;

import java.util.Arrays;

/**
 * Builds a {@link CsrGraph} from an undirected edge list, without boxing.
 *
 * <ul>
 *   <li>Edges u-v and v-u are the same undirected edge; parallel edges are summed into one weight.</li>
 *   <li>Self-loops (u == v) are ignored: they do not connect two entities, and leaving them out
 *       keeps the adjacency simple. Modularity and the algorithms are computed without them.</li>
 *   <li>Edges of weight 0 are ignored (they contribute nothing); negative, NaN or infinite weights
 *       are rejected.</li>
 *   <li>The node count is fixed up front, so nodes without edges are kept as isolated nodes.</li>
 * </ul>
 *
 * <p>Building sorts the edges with two stable counting-sort passes (by larger endpoint, then by
 * smaller endpoint), so cost is linear and rows come out sorted by neighbour id. Incremental
 * {@link #addEdge} calls go into growable primitive arrays; {@link #build(int, int[], int[], double[])}
 * reads caller arrays without copying them. A builder is single-use: {@link #build()} releases its
 * buffers.
 */
public final class CsrGraphBuilder {

    private final int nodeCount;
    private int[] lows = new int[16];
    private int[] highs = new int[16];
    private double[] edgeWeights = new double[16];
    private int size;
    private boolean built;

    public CsrGraphBuilder(int nodeCount) {
        if (nodeCount < 0) {
            throw new IllegalArgumentException("nodeCount must be >= 0, got " + nodeCount);
        }
        this.nodeCount = nodeCount;
    }

    /** Reserve room for {@code edges} more edges, to avoid repeated growth when the count is known. */
    public CsrGraphBuilder expectEdges(int edges) {
        ensureCapacity((long) size + edges);
        return this;
    }

    /** Add the undirected edge {u,v} with weight {@code w}; see the class comment for what is ignored. */
    public CsrGraphBuilder addEdge(int u, int v, double w) {
        if (built) {
            throw new IllegalStateException("build() was already called; a builder is single-use");
        }
        checkNode(u, nodeCount);
        checkNode(v, nodeCount);
        checkWeight(w);
        if (u == v || w == 0) {
            return this;
        }
        ensureCapacity(size + 1L);
        lows[size] = Math.min(u, v);
        highs[size] = Math.max(u, v);
        edgeWeights[size] = w;
        size++;
        return this;
    }

    /** Add an unweighted edge (weight 1). */
    public CsrGraphBuilder addEdge(int u, int v) {
        return addEdge(u, v, 1.0);
    }

    public CsrGraph build() {
        if (built) {
            throw new IllegalStateException("build() was already called; a builder is single-use");
        }
        built = true;
        CsrGraph graph = sortAndMerge(nodeCount, lows, highs, edgeWeights, size, true);
        lows = null;
        highs = null;
        edgeWeights = null;
        return graph;
    }

    /**
     * Build directly from parallel edge arrays (not copied, not modified). {@code weights} may be
     * null, meaning every edge has weight 1.
     */
    public static CsrGraph build(int nodeCount, int[] sources, int[] targets, double[] weights) {
        if (nodeCount < 0) {
            throw new IllegalArgumentException("nodeCount must be >= 0, got " + nodeCount);
        }
        if (sources.length != targets.length || (weights != null && weights.length != sources.length)) {
            throw new IllegalArgumentException("sources, targets and weights must have the same length");
        }
        for (int i = 0; i < sources.length; i++) {
            checkNode(sources[i], nodeCount);
            checkNode(targets[i], nodeCount);
            if (weights != null) {
                checkWeight(weights[i]);
            }
        }
        return sortAndMerge(nodeCount, sources, targets, weights, sources.length, false);
    }

    private static void checkNode(int node, int nodeCount) {
        if (node < 0 || node >= nodeCount) {
            throw new IllegalArgumentException("node id " + node + " out of range 0.." + (nodeCount - 1));
        }
    }

    private static void checkWeight(double w) {
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException("edge weight must be finite and >= 0, got " + w);
        }
    }

    private void ensureCapacity(long needed) {
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many edges: " + needed);
        }
        if (needed <= lows.length) {
            return;
        }
        int newCapacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, lows.length + (lows.length >> 1)));
        lows = Arrays.copyOf(lows, newCapacity);
        highs = Arrays.copyOf(highs, newCapacity);
        edgeWeights = Arrays.copyOf(edgeWeights, newCapacity);
    }

    /**
     * Sorts the first {@code count} edges lexicographically by (smaller, larger) endpoint with two
     * counting-sort passes, merges duplicates, then scatters each unique edge into both rows.
     * When {@code canonical} is false the endpoints may come in either order, self-loops and zero
     * weights may be present, and {@code weights} may be null.
     */
    private static CsrGraph sortAndMerge(int n, int[] us, int[] vs, double[] ws, int count, boolean canonical) {
        // Pass 1: bucket by the larger endpoint.
        int[] start = new int[n + 1];
        int kept = 0;
        for (int i = 0; i < count; i++) {
            int u = us[i];
            int v = vs[i];
            if (canonical || (u != v && (ws == null || ws[i] != 0))) {
                start[Math.max(u, v) + 1]++;
                kept++;
            }
        }
        prefixSum(start);
        int[] byHighLow = new int[kept];
        double[] byHighWeight = new double[kept];
        for (int i = 0; i < count; i++) {
            int u = us[i];
            int v = vs[i];
            if (canonical || (u != v && (ws == null || ws[i] != 0))) {
                int slot = start[Math.max(u, v)]++;
                byHighLow[slot] = Math.min(u, v);
                byHighWeight[slot] = ws == null ? 1.0 : ws[i];
            }
        }
        // start[h] is now the end of bucket h, i.e. the start of bucket h+1.

        // Pass 2 (stable): bucket by the smaller endpoint; within a bucket the larger endpoints ascend.
        int[] lowStart = new int[n + 1];
        for (int i = 0; i < kept; i++) {
            lowStart[byHighLow[i] + 1]++;
        }
        prefixSum(lowStart);
        int[] sortedHigh = new int[kept];
        double[] sortedWeight = new double[kept];
        int[] fill = Arrays.copyOf(lowStart, n);
        int from = 0;
        for (int h = 0; h < n; h++) {
            int to = start[h];
            for (int i = from; i < to; i++) {
                int slot = fill[byHighLow[i]]++;
                sortedHigh[slot] = h;
                sortedWeight[slot] = byHighWeight[i];
            }
            from = to;
        }
        byHighLow = null;
        byHighWeight = null;

        // Merge duplicates in place (they are adjacent now) and count each node's distinct neighbours.
        int[] degree = new int[n + 1];
        int unique = 0;
        int runStart = 0;
        for (int low = 0; low < n; low++) {
            int end = lowStart[low + 1];
            int previous = -1;
            for (int i = runStart; i < end; i++) {
                int high = sortedHigh[i];
                if (high == previous) {
                    sortedWeight[unique - 1] += sortedWeight[i];
                } else {
                    sortedHigh[unique] = high;
                    sortedWeight[unique] = sortedWeight[i];
                    unique++;
                    degree[low + 1]++;
                    degree[high + 1]++;
                    previous = high;
                }
            }
            runStart = end;
            lowStart[low + 1] = unique; // from here on: the end of the merged run of this low node
        }
        if (2L * unique > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("graph too large for CSR with int offsets: " + unique + " edges");
        }

        // Scatter into both rows. Visiting edges in (low, high) order keeps every row sorted:
        // row x first receives its smaller neighbours (edges (low, x), low ascending), then its
        // larger ones (edges (x, high), high ascending).
        int[] offsets = degree;
        prefixSum(offsets);
        int[] neighbors = new int[2 * unique];
        double[] weights = new double[2 * unique];
        int[] next = Arrays.copyOf(offsets, n);
        int i = 0;
        for (int low = 0; low < n; low++) {
            int end = lowStart[low + 1];
            for (; i < end; i++) {
                int high = sortedHigh[i];
                double w = sortedWeight[i];
                int a = next[low]++;
                neighbors[a] = high;
                weights[a] = w;
                int b = next[high]++;
                neighbors[b] = low;
                weights[b] = w;
            }
        }
        return new CsrGraph(n, offsets, neighbors, weights);
    }

    private static void prefixSum(int[] counts) {
        for (int i = 1; i < counts.length; i++) {
            counts[i] += counts[i - 1];
        }
    }
}
