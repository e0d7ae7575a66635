package dev.taskstream.server.community;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstream.bench.community.LfrLikeGenerator;
import dev.taskstream.bench.community.NormalizedMutualInformation;
import dev.taskstream.bench.community.PlantedPartition;
import dev.taskstream.bench.community.PlantedPartitionGenerator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issues 15, 16 and 26: label propagation's communities are connected, it does not let one label
 * flood a graph with real structure (not even a large community's label over smaller ones at
 * mixing 0.4), and its modularity stays close to Leiden's where the method is useful. Pure
 * algorithm tests on generated graphs with known groups (no database).
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
        // Issues 15 and 26: LFR-like, n = 100,000, μ = 0.5, seed 42 (about a million edges); the old
        // highest-label ties ended in one community with modularity 0 (at μ = 0.4 already), vote-only
        // propagation with random ties in 72 % of the nodes in one community (NMI 0.68), igraph's
        // in NMI 0.87. (Graphs whose planted community holds half the nodes or more are another
        // matter: modularity splits such a community, so label propagation and Leiden both score
        // low NMI there; see docs/graph-and-communities.md.)
        PlantedPartition lfr = LfrLikeGenerator.generate(LfrLikeGenerator.Params.of(100_000, 0.5), 42);
        CsrGraph g = lfr.toGraph();
        DetectionResult r = propagate(g, 42);
        assertThat(NormalizedMutualInformation.of(r.membership(), lfr.membership())).isGreaterThanOrEqualTo(0.9);
        assertThat(r.communityCount()).isGreaterThan(lfr.groupCount() / 2);
        assertThat(r.modularity()).isGreaterThan(0.3);
    }

    @Test
    void aLargeCommunityDoesNotSwallowItsNeighboursAtMixingPointFour() {
        // Issue 26: LFR-like, n = 20,000, μ = 0.4, seed 42 has a planted community of 9,378 nodes
        // beside 29 smaller ones. Vote-only propagation let its label take over several of them
        // (62 % of the nodes in one community, NMI 0.87); igraph's plain propagation gets 0.62.
        PlantedPartition lfr = LfrLikeGenerator.generate(LfrLikeGenerator.Params.of(20_000, 0.4), 42);
        CsrGraph g = lfr.toGraph();
        int largestPlanted = TestGraphs.largest(lfr.membership());
        DetectionResult r = propagate(g, 42);
        assertThat(NormalizedMutualInformation.of(r.membership(), lfr.membership())).isGreaterThanOrEqualTo(0.9);
        assertThat(r.communitySizes()[0]).isLessThan(largestPlanted + largestPlanted / 10);
        assertThat(TestGraphs.allCommunitiesConnected(g, r.membership())).isTrue();
    }

    @Test
    void aCommunityHoldingMostOfTheGraphStaysWhole() {
        // LFR-like, n = 100,000, μ = 0.1, seed 3: one planted community holds 70 % of the nodes. Its
        // label floods past it in the first sweep; the expected-weight term then makes nodes shed
        // it into many small labels (22,366 communities, NMI 0.29, before the label merge).
        PlantedPartition lfr = LfrLikeGenerator.generate(LfrLikeGenerator.Params.of(100_000, 0.1), 3);
        CsrGraph g = lfr.toGraph();
        DetectionResult r = propagate(g, 3);
        assertThat(NormalizedMutualInformation.of(r.membership(), lfr.membership())).isGreaterThanOrEqualTo(0.95);
        assertThat(r.communityCount()).isLessThan(2 * lfr.groupCount());
        assertThat(r.iterations()).isLessThan(DetectionOptions.DEFAULT_MAX_ITERATIONS);
    }
}
