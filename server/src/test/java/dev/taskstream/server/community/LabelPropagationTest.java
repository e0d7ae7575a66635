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
}
