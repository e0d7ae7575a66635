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
    void everyNodeEndsWithAMaximalWeightLabel() {
        // Convergence property: when the run stops on its own, no node has a strictly heavier label
        // (below 1 / STOP_FRACTION nodes the run only stops after a sweep without changes).
        CsrGraph g = PlantedPartitionGenerator.generate(1000, 10, 8000, 0.2, 21).toGraph();
        DetectionResult r = propagate(g, 4, 1000);
        assertThat(r.iterations()).isLessThan(1000);
        int[] m = r.membership();
        for (int v = 0; v < g.nodeCount(); v++) {
            double[] weightPerLabel = new double[r.communityCount()];
            for (int e = g.offsets()[v]; e < g.offsets()[v + 1]; e++) {
                weightPerLabel[m[g.neighbors()[e]]] += g.weights()[e];
            }
            for (double w : weightPerLabel) {
                assertThat(w).isLessThanOrEqualTo(weightPerLabel[m[v]] + 1e-9);
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
