package dev.taskstream.server.community;

/**
 * Splits every community into its connected components (breadth-first search restricted to the
 * community). For modularity this never lowers the score: two parts with no edge between them
 * lose no internal weight and their null-model penalty drops from (d_A + d_B)² to d_A² + d_B².
 */
final class ConnectedSplit {

    private ConnectedSplit() {
    }

    /** @return a new membership in which every community is connected (ids dense, not canonical) */
    static int[] split(CsrGraph graph, int[] membership) {
        int n = graph.nodeCount();
        int[] offsets = graph.offsets();
        int[] neighbors = graph.neighbors();
        int[] component = new int[n];
        java.util.Arrays.fill(component, -1);
        int[] queue = new int[n];
        int next = 0;
        for (int start = 0; start < n; start++) {
            if (component[start] >= 0) {
                continue;
            }
            int id = next++;
            int c = membership[start];
            component[start] = id;
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            while (head < tail) {
                int v = queue[head++];
                for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                    int u = neighbors[e];
                    if (component[u] < 0 && membership[u] == c) {
                        component[u] = id;
                        queue[tail++] = u;
                    }
                }
            }
        }
        return component;
    }
}
