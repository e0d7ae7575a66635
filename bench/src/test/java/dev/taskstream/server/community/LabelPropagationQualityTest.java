package dev.taskstream.server.community;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstream.bench.community.LfrLikeGenerator;
import dev.taskstream.bench.community.NormalizedMutualInformation;
import dev.taskstream.bench.community.PlantedPartition;
import dev.taskstream.bench.community.PlantedPartitionGenerator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 and 16: label propagation's communities are connected, it does not let one label flood
 * a graph with real structure, and its modularity stays close to Leiden's where the method is
 * useful. Pure algorithm tests on generated graphs with known groups (no database).
 */
class LabelPropagationQualityTest {

    private static DetectionResult propagate(CsrGraph g, long seed) {
        return new LabelPropagation(seed, DetectionOptions.DEFAULT_MAX_ITERATIONS).run(g, 1.0, DetectionMonitor.NONE);
    }

    private static DetectionResult leiden(CsrGraph g, long seed) {
        return new Leiden(1.0, seed, DetectionOptions.DEFAULT_MAX_ITERATIONS).run(g, DetectionMonitor.NONE);
    }

    @Test
    void noDisconnectedCommunityOnPlantedGraphs() {
        // Blocks of unequal sizes (LFR-like, 150k edges) and equal blocks (planted partition, 150k edges),
        // both with enough mixing that labels wander between blocks.
        CsrGraph[] graphs = {
                LfrLikeGenerator.generate(LfrLikeGenerator.Params.of(15_000, 0.3), 16).toGraph(),
                PlantedPartitionGenerator.generate(15_000, 150, 150_000, 0.3, 16).toGraph()};
        for (CsrGraph g : graphs) {
            for (long seed = 1; seed <= 3; seed++) {
                DetectionResult r = propagate(g, seed);
                assertThat(TestGraphs.allCommunitiesConnected(g, r.membership())).as("seed %s", seed).isTrue();
                assertThat(r.communityCount()).as("seed %s", seed).isGreaterThan(1);
            }
        }
    }

    @Test
    void twoIdenticalDisconnectedCliquesGiveTwoCommunitiesWhateverTheNodeOrder() {
        int size = 8;
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 20; round++) {
            // A random numbering of the 16 nodes: clique membership is unrelated to id order.
            int[] id = RandomOrder.permutation(2 * size, random);
            CsrGraphBuilder b = new CsrGraphBuilder(2 * size);
            for (int clique = 0; clique < 2; clique++) {
                for (int i = 0; i < size; i++) {
                    for (int j = i + 1; j < size; j++) {
                        b.addEdge(id[clique * size + i], id[clique * size + j]);
                    }
                }
            }
            DetectionResult r = propagate(b.build(), round);
            assertThat(r.communityCount()).as("round %s", round).isEqualTo(2);
            for (int i = 0; i < size; i++) {
                assertThat(r.membership()[id[i]]).isEqualTo(r.membership()[id[0]]);
                assertThat(r.membership()[id[size + i]]).isEqualTo(r.membership()[id[size]]);
            }
        }
    }

    @Test
    void modularityIsAtLeastNinetyPercentOfLeidensAtLowAndMediumMixing() {
        for (double mixing : new double[] {0.1, 0.3}) {
            CsrGraph g = LfrLikeGenerator.generate(LfrLikeGenerator.Params.of(20_000, mixing), 7).toGraph();
            double leiden = leiden(g, 1).modularity();
            for (long seed = 1; seed <= 3; seed++) {
                DetectionResult r = propagate(g, seed);
                assertThat(r.modularity()).as("μ = %s, seed %s (Leiden %s)", mixing, seed, leiden)
                        .isGreaterThanOrEqualTo(0.9 * leiden);
            }
        }
    }

    @Test
    void doesNotCollapseIntoOneCommunityAtHighMixingOnALargeGraph() {
        // Issue 15's case: LFR-like, n = 100,000, μ = 0.4 (about a million edges); the old
        // highest-label ties ended in one community with modularity 0.
        PlantedPartition lfr = LfrLikeGenerator.generate(LfrLikeGenerator.Params.of(100_000, 0.4), 3);
        CsrGraph g = lfr.toGraph();
        DetectionResult r = propagate(g, 1);
        assertThat(NormalizedMutualInformation.of(r.membership(), lfr.membership())).isGreaterThan(0.6);
        assertThat(r.communityCount()).isGreaterThan(lfr.groupCount() / 2);
        assertThat(r.modularity()).isGreaterThan(0.3);
    }
}
