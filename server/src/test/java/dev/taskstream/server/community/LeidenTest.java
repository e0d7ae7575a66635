package dev.taskstream.server.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LeidenTest {

    private static DetectionResult leiden(CsrGraph g, long seed) {
        return new Leiden(1.0, seed, DetectionOptions.DEFAULT_MAX_ITERATIONS).run(g, DetectionMonitor.NONE);
    }

    @Test
    void karateClubReachesNearOptimalModularity() {
        CsrGraph karate = TestGraphs.karate();
        assertThat(karate.edgeCount()).isEqualTo(78);
        for (long seed = 0; seed < 5; seed++) {
            DetectionResult r = leiden(karate, seed);
            // The known optimum is 0.4198 with four communities.
            assertThat(r.modularity()).as("seed %s", seed).isGreaterThanOrEqualTo(0.41);
            assertThat(r.modularity()).isCloseTo(Modularity.of(karate, r.membership(), 1.0), within(1e-12));
            assertThat(TestGraphs.allCommunitiesConnected(karate, r.membership())).isTrue();
        }
    }

    @Test
    void everyCommunityIsConnectedOnSparseRandomGraphs() {
        // Sparse weighted random graphs (average degree 2..4) are where Louvain-style moving
        // leaves disconnected communities; Leiden must not.
        for (long graphSeed = 0; graphSeed < 6; graphSeed++) {
            CsrGraph g = TestGraphs.randomGraph(600, 600 + 300 * (int) graphSeed, graphSeed);
            for (long seed = 0; seed < 3; seed++) {
                for (double resolution : new double[] {0.5, 1.0, 2.0}) {
                    DetectionResult r = new Leiden(resolution, seed, 100).run(g, DetectionMonitor.NONE);
                    assertThat(TestGraphs.allCommunitiesConnected(g, r.membership()))
                            .as("graph %s, seed %s, γ %s", graphSeed, seed, resolution).isTrue();
                }
            }
        }
    }

    @Test
    void refinementOnlyBuildsConnectedSubcommunities() {
        // The connectivity guarantee comes from the refinement: check it directly, before any
        // safety net, on refinements of both local-moving results and arbitrary partitions.
        for (long seed = 0; seed < 6; seed++) {
            CsrGraph g = TestGraphs.randomGraph(500, 900, 100 + seed);
            LevelGraph level = LevelGraph.of(g);
            double scaled = 1.0 / (2 * g.totalEdgeWeight());
            SplittableRandom random = new SplittableRandom(seed);
            int[] community = new int[g.nodeCount()];
            if (seed % 2 == 0) {
                for (int v = 0; v < community.length; v++) {
                    community[v] = v;
                }
                FastLocalMoving.run(level, community, scaled, random);
            } else {
                for (int v = 0; v < community.length; v++) {
                    community[v] = random.nextInt(8); // arbitrary, typically disconnected, communities
                }
            }
            Refinement.renumber(community);
            int[] refined = new int[g.nodeCount()];
            int k = Refinement.run(level, community, scaled, random, refined);

            assertThat(k).isLessThan(g.nodeCount());
            assertThat(TestGraphs.allCommunitiesConnected(g, refined)).as("seed %s", seed).isTrue();
            assertThat(TestGraphs.isNestedIn(refined, community)).as("refined ⊆ community").isTrue();
        }
    }

    @Test
    void tinyAndHugeWeightsGiveTheCommunitiesOfWeightOne() {
        // Two groups of four (each a clique) joined by one edge: two communities at weight 1. With weights of
        // 1e-310 (subnormal) Leiden used to return eight singletons at Q = -0.127 (issue 24).
        DetectionResult unit = leiden(twoCliques(1.0), 42);
        assertThat(unit.communityCount()).isEqualTo(2);
        for (double w : new double[] {1e-310, Double.MIN_VALUE, 1e-200, 3.5, 1e200, Double.MAX_VALUE / 64}) {
            DetectionResult r = leiden(twoCliques(w), 42);
            assertThat(r.membership()).as("weight %s", w).containsExactly(unit.membership());
            assertThat(r.modularity()).as("weight %s", w).isCloseTo(unit.modularity(), within(1e-12));
        }
        // And on a larger graph: the karate club with every weight 1e-310 is the karate club.
        CsrGraphBuilder tiny = new CsrGraphBuilder(34);
        for (int u = 0; u < 34; u++) {
            CsrGraph karate = TestGraphs.karate();
            for (int e = karate.offsets()[u]; e < karate.offsets()[u + 1]; e++) {
                if (karate.neighbors()[e] > u) {
                    tiny.addEdge(u, karate.neighbors()[e], 1e-310);
                }
            }
        }
        assertThat(leiden(tiny.build(), 3).membership()).containsExactly(leiden(TestGraphs.karate(), 3).membership());
    }

    private static CsrGraph twoCliques(double weight) {
        CsrGraphBuilder b = new CsrGraphBuilder(8);
        for (int group = 0; group < 8; group += 4) {
            for (int u = group; u < group + 4; u++) {
                for (int v = u + 1; v < group + 4; v++) {
                    b.addEdge(u, v, weight);
                }
            }
        }
        return b.addEdge(3, 4, weight).build();
    }
}
