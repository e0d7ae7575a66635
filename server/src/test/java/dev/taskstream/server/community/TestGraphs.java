package dev.taskstream.server.community;

import java.util.ArrayDeque;
import java.util.SplittableRandom;

/** Graphs and graph checks shared by the community tests. */
final class TestGraphs {

    private TestGraphs() {
    }

    /** Zachary's karate club: 34 members, 78 friendships (1-based, as in Zachary 1977). */
    static final int[][] KARATE_EDGES_ONE_BASED = {
            {1, 2}, {1, 3}, {1, 4}, {1, 5}, {1, 6}, {1, 7}, {1, 8}, {1, 9}, {1, 11}, {1, 12}, {1, 13}, {1, 14},
            {1, 18}, {1, 20}, {1, 22}, {1, 32},
            {2, 3}, {2, 4}, {2, 8}, {2, 14}, {2, 18}, {2, 20}, {2, 22}, {2, 31},
            {3, 4}, {3, 8}, {3, 9}, {3, 10}, {3, 14}, {3, 28}, {3, 29}, {3, 33},
            {4, 8}, {4, 13}, {4, 14},
            {5, 7}, {5, 11},
            {6, 7}, {6, 11}, {6, 17},
            {7, 17},
            {9, 31}, {9, 33}, {9, 34},
            {10, 34},
            {14, 34},
            {15, 33}, {15, 34},
            {16, 33}, {16, 34},
            {19, 33}, {19, 34},
            {20, 34},
            {21, 33}, {21, 34},
            {23, 33}, {23, 34},
            {24, 26}, {24, 28}, {24, 30}, {24, 33}, {24, 34},
            {25, 26}, {25, 28}, {25, 32},
            {26, 32},
            {27, 30}, {27, 34},
            {28, 34},
            {29, 32}, {29, 34},
            {30, 33}, {30, 34},
            {31, 33}, {31, 34},
            {32, 33}, {32, 34},
            {33, 34},
    };

    static CsrGraph karate() {
        return addKarate(new CsrGraphBuilder(34), 0).build();
    }

    /** Adds a copy of the karate club on nodes {@code offset..offset+33}. */
    static CsrGraphBuilder addKarate(CsrGraphBuilder builder, int offset) {
        for (int[] e : KARATE_EDGES_ONE_BASED) {
            builder.addEdge(offset + e[0] - 1, offset + e[1] - 1);
        }
        return builder;
    }

    /** Sparse random graph with random weights in [0.5, 2.5); average degree about {@code 2·edges/nodes}. */
    static CsrGraph randomGraph(int nodes, int edges, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        CsrGraphBuilder builder = new CsrGraphBuilder(nodes);
        for (int i = 0; i < edges; i++) {
            builder.addEdge(random.nextInt(nodes), random.nextInt(nodes), 0.5 + 2 * random.nextDouble());
        }
        return builder.build();
    }

    /** Connected component of every node (BFS over the whole graph). */
    static int[] components(CsrGraph graph) {
        int[] everything = new int[graph.nodeCount()];
        return componentsWithin(graph, everything);
    }

    /**
     * Connected components of the subgraphs induced by each community: two nodes get the same
     * id iff they are in the same community and connected inside it.
     */
    static int[] componentsWithin(CsrGraph graph, int[] membership) {
        int n = graph.nodeCount();
        int[] component = new int[n];
        java.util.Arrays.fill(component, -1);
        int next = 0;
        for (int start = 0; start < n; start++) {
            if (component[start] >= 0) {
                continue;
            }
            int id = next++;
            component[start] = id;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(start);
            while (!queue.isEmpty()) {
                int v = queue.poll();
                for (int e = graph.offsets()[v]; e < graph.offsets()[v + 1]; e++) {
                    int u = graph.neighbors()[e];
                    if (component[u] < 0 && membership[u] == membership[v]) {
                        component[u] = id;
                        queue.add(u);
                    }
                }
            }
        }
        return component;
    }

    /** Number of distinct ids. */
    /** Size of the largest group of a membership (ids non-negative). */
    static int largest(int[] membership) {
        int[] sizes = new int[java.util.Arrays.stream(membership).max().orElse(-1) + 1];
        int largest = 0;
        for (int c : membership) {
            largest = Math.max(largest, ++sizes[c]);
        }
        return largest;
    }

    static long distinct(int[] ids) {
        return java.util.Arrays.stream(ids).distinct().count();
    }

    /** True if every part of {@code fine} lies inside one part of {@code coarse} (non-negative ids). */
    static boolean isNestedIn(int[] fine, int[] coarse) {
        int[] coarseOf = new int[fine.length == 0 ? 0 : java.util.Arrays.stream(fine).max().getAsInt() + 1];
        java.util.Arrays.fill(coarseOf, -1);
        for (int v = 0; v < fine.length; v++) {
            if (coarseOf[fine[v]] < 0) {
                coarseOf[fine[v]] = coarse[v];
            } else if (coarseOf[fine[v]] != coarse[v]) {
                return false;
            }
        }
        return true;
    }

    /** True if every community induces a connected subgraph. */
    static boolean allCommunitiesConnected(CsrGraph graph, int[] membership) {
        return distinct(componentsWithin(graph, membership)) == distinct(membership);
    }
}
