package dev.taskstream.server.community;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstream.bench.community.NormalizedMutualInformation;
import dev.taskstream.bench.community.PlantedPartition;
import dev.taskstream.bench.community.PlantedPartitionGenerator;
import org.junit.jupiter.api.Test;

/**
 * Label propagation on generated planted-partition graphs (the generator lives in the bench module; the
 * algorithm's other tests stay in the server's LabelPropagationTest). In the engine's package: the algorithm's
 * API is package-private.
 */
class LabelPropagationPlantedTest {

    private static DetectionResult propagate(CsrGraph g, long seed, int maxIterations) {
        return new LabelPropagation(seed, maxIterations).run(g, 1.0, DetectionMonitor.NONE);
    }

    @Test
    void noTwoNeighbouringCommunitiesWouldGainByMerging() {
        // The label merge stops when no whole community can join a neighbouring one with a gain:
        // weight between A and B <= γ · K_A · K_B / 2m for every pair with an edge between them.
        for (double mixing : new double[] {0.2, 0.5}) {
            CsrGraph g = PlantedPartitionGenerator.generate(1000, 10, 8000, mixing, 21).toGraph();
            DetectionResult r = propagate(g, 4, 1000);
            int k = r.communityCount();
            int[] m = r.membership();
            double[] strength = new double[k];
            double[][] between = new double[k][k];
            for (int v = 0; v < g.nodeCount(); v++) {
                strength[m[v]] += g.strength(v);
                for (int e = g.offsets()[v]; e < g.offsets()[v + 1]; e++) {
                    between[m[v]][m[g.neighbors()[e]]] += g.weights()[e];
                }
            }
            double twoM = 2 * g.totalEdgeWeight();
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    if (a != b && between[a][b] > 0) {
                        assertThat(between[a][b]).as("μ %s, communities %s and %s", mixing, a, b)
                                .isLessThanOrEqualTo(strength[a] * strength[b] / twoM + 1e-9);
                    }
                }
            }
        }
    }

    @Test
    void recoversAPlantedPartitionAtLowMixing() {
        // 2,000 nodes, 20 groups, 20,000 edges, μ = 0.1: a clear structure for label propagation.
        PlantedPartition planted = PlantedPartitionGenerator.generate(2000, 20, 20_000, 0.1, 11);
        CsrGraph g = planted.toGraph();
        for (long seed = 1; seed <= 3; seed++) {
            DetectionResult r = propagate(g, seed, 100);
            assertThat(NormalizedMutualInformation.of(r.membership(), planted.membership()))
                    .as("seed %s", seed).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void iterationCapIsRespected() {
        CsrGraph g = PlantedPartitionGenerator.generate(2000, 20, 20_000, 0.3, 2).toGraph();
        DetectionResult capped = propagate(g, 1, 1);
        assertThat(capped.iterations()).isEqualTo(1);
        assertThat(propagate(g, 1, 100).iterations()).isGreaterThan(1); // so the cap really cut the run short
    }

    @Test
    void sameSeedGivesIdenticalResult() {
        CsrGraph g = PlantedPartitionGenerator.generate(1500, 15, 12_000, 0.3, 3).toGraph();
        assertThat(propagate(g, 5, 100)).isEqualTo(propagate(g, 5, 100));
    }
}
