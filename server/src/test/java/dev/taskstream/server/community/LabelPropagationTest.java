package dev.taskstream.server.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LabelPropagationTest {

    private static DetectionResult propagate(CsrGraph g, long seed, int maxIterations) {
        return new LabelPropagation(seed, maxIterations).run(g, 1.0, DetectionMonitor.NONE);
    }

    /** Regression: the original looped forever on two entities joined by several parallel edges. */
    @Test
    void twoEntitiesJoinedByParallelEdgesTerminate() {
        CsrGraphBuilder b = new CsrGraphBuilder(2);
        for (int i = 0; i < 5; i++) {
            b.addEdge(i % 2 == 0 ? 0 : 1, i % 2 == 0 ? 1 : 0);
        }
        CsrGraph g = b.build();
        for (long seed = 0; seed < 10; seed++) {
            long s = seed;
            DetectionResult r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> propagate(g, s, 1_000_000));
            assertThat(r.membership()).containsExactly(0, 0);
            assertThat(r.iterations()).isLessThanOrEqualTo(2); // one sweep that merges, one that confirms
        }
    }

    @Test
    void triangleAndStarWithParallelEdgesTerminate() {
        CsrGraphBuilder triangle = new CsrGraphBuilder(3);
        for (int i = 0; i < 4; i++) {
            triangle.addEdge(0, 1).addEdge(1, 2).addEdge(2, 0, 2.0);
        }
        CsrGraphBuilder star = new CsrGraphBuilder(6);
        for (int leaf = 1; leaf < 6; leaf++) {
            for (int i = 0; i < leaf; i++) {
                star.addEdge(0, leaf); // leaf-dependent multiplicity
            }
        }
        CsrGraph[] graphs = {triangle.build(), star.build()};
        for (CsrGraph g : graphs) {
            for (long seed = 0; seed < 10; seed++) {
                long s = seed;
                DetectionResult r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> propagate(g, s, 1_000_000));
                assertThat(r.communityCount()).isEqualTo(1);
            }
        }
    }

    @Test
    void karateClubTerminatesWithAValidPartition() {
        CsrGraph karate = TestGraphs.karate();
        for (long seed = 0; seed < 5; seed++) {
            DetectionResult r = propagate(karate, seed, 100);
            assertThat(r.membership()).hasSize(34);
            assertThat(r.iterations()).isBetween(1, 100);
            assertThat(java.util.Arrays.stream(r.membership()).boxed()).allSatisfy(c -> assertThat(c).isBetween(0, r.communityCount() - 1));
            assertThat(TestGraphs.distinct(r.membership())).isEqualTo(r.communityCount());
            // Label propagation may legitimately collapse the club into one community (Q = 0);
            // it must not produce a partition worse than that.
            assertThat(r.modularity()).isGreaterThanOrEqualTo(0.0);
        }
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
    void disconnectedComponentsNeverShareALabel() {
        CsrGraphBuilder b = new CsrGraphBuilder(3 * 34 + 2);
        for (int copy = 0; copy < 3; copy++) {
            TestGraphs.addKarate(b, copy * 34);
        }
        CsrGraph g = b.build();
        int[] component = TestGraphs.components(g);
        for (long seed = 0; seed < 5; seed++) {
            int[] m = propagate(g, seed, 100).membership();
            assertThat(TestGraphs.isNestedIn(m, component)).as("seed %s", seed).isTrue();
            assertThat(TestGraphs.distinct(m)).isGreaterThanOrEqualTo(TestGraphs.distinct(component));
        }
    }

    @Test
    void sameSeedGivesIdenticalResult() {
        CsrGraph g = PlantedPartitionGenerator.generate(1500, 15, 12_000, 0.3, 3).toGraph();
        assertThat(propagate(g, 5, 100)).isEqualTo(propagate(g, 5, 100));
    }
}
