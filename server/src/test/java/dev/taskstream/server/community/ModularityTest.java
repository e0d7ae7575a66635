package dev.taskstream.server.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ModularityTest {

    /**
     * Reference from the textbook definition Q = 1/2m Σ_ij [A_ij − γ k_i k_j / 2m] δ(c_i, c_j),
     * on a dense adjacency matrix: independent of the per-community formula in the main code.
     */
    private static double fromDefinition(double[][] adjacency, int[] membership, double resolution) {
        int n = adjacency.length;
        double[] k = new double[n];
        double twoM = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k[i] += adjacency[i][j];
            }
            twoM += k[i];
        }
        double q = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (membership[i] == membership[j]) {
                    q += adjacency[i][j] - resolution * k[i] * k[j] / twoM;
                }
            }
        }
        return q / twoM;
    }

    /** Two weighted triangles 0-1-2 and 3-4-5 joined by the edge 2-3. */
    private static final int[][] EDGES = {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}, {2, 3}};
    private static final double[] WEIGHTS = {1, 2, 1, 1, 1, 3, 0.5};

    private static double[][] adjacency() {
        double[][] a = new double[6][6];
        for (int i = 0; i < EDGES.length; i++) {
            a[EDGES[i][0]][EDGES[i][1]] += WEIGHTS[i];
            a[EDGES[i][1]][EDGES[i][0]] += WEIGHTS[i];
        }
        return a;
    }

    private static CsrGraph graph() {
        CsrGraphBuilder b = new CsrGraphBuilder(6);
        for (int i = 0; i < EDGES.length; i++) {
            b.addEdge(EDGES[i][0], EDGES[i][1], WEIGHTS[i]);
        }
        return b.build();
    }

    @Test
    void matchesTheDefinitionOnATinyWeightedGraph() {
        int[][] partitions = {{0, 0, 0, 1, 1, 1}, {0, 0, 0, 0, 0, 0}, {0, 1, 2, 3, 4, 5}, {5, 5, 2, 2, 9, 9}};
        for (int[] p : partitions) {
            for (double gamma : new double[] {1.0, 0.5, 2.0}) {
                assertThat(Modularity.of(graph(), p, gamma))
                        .as("partition %s, γ=%s", java.util.Arrays.toString(p), gamma)
                        .isCloseTo(fromDefinition(adjacency(), p, gamma), within(1e-12));
            }
        }
    }

    @Test
    void handComputedValueForTwoUnweightedTriangles() {
        CsrGraphBuilder b = new CsrGraphBuilder(6);
        for (int[] e : EDGES) {
            b.addEdge(e[0], e[1]);
        }
        // m = 7; each triangle: L_c = 3, d_c = 7 -> Q = 2 (3/7 − (7/14)²) = 6/7 − 1/2.
        assertThat(Modularity.of(b.build(), new int[] {0, 0, 0, 1, 1, 1}, 1.0)).isCloseTo(6.0 / 7 - 0.5, within(1e-12));
    }

    @Test
    void edgelessGraphHasModularityZero() {
        assertThat(Modularity.of(CsrGraph.isolatedNodes(3), new int[] {0, 1, 2}, 1.0)).isZero();
        assertThat(Modularity.of(CsrGraph.isolatedNodes(0), new int[0], 1.0)).isZero();
    }
}
