package dev.taskstream.server.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CsrGraphBuilderTest {

    @Test
    void parallelEdgesInEitherDirectionAreSummedIntoOneEdge() {
        CsrGraph g = new CsrGraphBuilder(3)
                .addEdge(0, 1, 1.0)
                .addEdge(1, 0, 2.5)
                .addEdge(0, 1, 0.5)
                .addEdge(1, 2, 1.0)
                .build();

        assertThat(g.edgeCount()).isEqualTo(2);
        assertThat(g.weight(0, 1)).isEqualTo(4.0);
        assertThat(g.weight(1, 0)).isEqualTo(4.0);
        assertThat(g.degree(1)).isEqualTo(2);
        assertThat(g.totalEdgeWeight()).isEqualTo(5.0);
    }

    @Test
    void selfLoopsAndZeroWeightEdgesAreIgnoredAndIsolatedNodesKept() {
        CsrGraph g = new CsrGraphBuilder(5)
                .addEdge(0, 0, 3.0)
                .addEdge(0, 1, 2.0)
                .addEdge(2, 3, 0.0)
                .addEdge(3, 3, 1.0)
                .build();

        assertThat(g.nodeCount()).isEqualTo(5);
        assertThat(g.edgeCount()).isEqualTo(1);
        assertThat(g.weight(0, 0)).isZero();
        assertThat(g.strength(0)).isEqualTo(2.0);
        for (int isolated : new int[] {2, 3, 4}) {
            assertThat(g.degree(isolated)).isZero();
            assertThat(g.strength(isolated)).isZero();
        }
        assertThat(g.offsets()).hasSize(6);
    }

    @Test
    void adjacencyIsSymmetricSortedAndStrengthsMatchAReferenceOnARandomMultigraph() {
        int n = 300;
        SplittableRandom random = new SplittableRandom(7);
        CsrGraphBuilder builder = new CsrGraphBuilder(n);
        Map<Long, Double> expected = new HashMap<>(); // reference: key min*n+max -> summed weight
        for (int i = 0; i < 3000; i++) {
            int u = random.nextInt(n);
            int v = random.nextInt(n / 10); // skewed so that parallel edges are common
            double w = 1 + random.nextInt(4);
            builder.addEdge(u, v, w);
            if (u != v) {
                expected.merge((long) Math.min(u, v) * n + Math.max(u, v), w, Double::sum);
            }
        }
        CsrGraph g = builder.build();

        assertThat(g.edgeCount()).isEqualTo(expected.size());
        double[] expectedStrength = new double[n];
        expected.forEach((key, w) -> {
            int u = (int) (key / n);
            int v = (int) (key % n);
            assertThat(g.weight(u, v)).isEqualTo(w);
            assertThat(g.weight(v, u)).isEqualTo(w);
            expectedStrength[u] += w;
            expectedStrength[v] += w;
        });
        double total = 0;
        for (int v = 0; v < n; v++) {
            assertThat(g.strength(v)).isCloseTo(expectedStrength[v], within(1e-9));
            total += expectedStrength[v];
            for (int e = g.offsets()[v] + 1; e < g.offsets()[v + 1]; e++) {
                assertThat(g.neighbors()[e]).isGreaterThan(g.neighbors()[e - 1]); // sorted, no duplicates
            }
        }
        assertThat(g.totalEdgeWeight()).isCloseTo(total / 2, within(1e-9));
    }

    @Test
    void buildingFromArraysGivesTheSameGraphAsIncrementalAdds() {
        int[] sources = {0, 1, 2, 2, 3, 1};
        int[] targets = {1, 0, 3, 2, 0, 2};
        double[] weights = {1, 2, 3, 4, 5, 6};
        CsrGraph fromArrays = CsrGraphBuilder.build(4, sources, targets, weights);
        CsrGraphBuilder builder = new CsrGraphBuilder(4);
        for (int i = 0; i < sources.length; i++) {
            builder.addEdge(sources[i], targets[i], weights[i]);
        }
        CsrGraph incremental = builder.build();

        assertThat(fromArrays.offsets()).isEqualTo(incremental.offsets());
        assertThat(fromArrays.neighbors()).isEqualTo(incremental.neighbors());
        assertThat(fromArrays.weights()).isEqualTo(incremental.weights());
        assertThat(CsrGraphBuilder.build(4, sources, targets, null).weight(0, 1)).isEqualTo(2.0);
    }

    @Test
    void emptyGraphAndEdgelessGraph() {
        CsrGraph empty = new CsrGraphBuilder(0).build();
        assertThat(empty.nodeCount()).isZero();
        assertThat(empty.offsets()).containsExactly(0);
        CsrGraph edgeless = CsrGraph.isolatedNodes(4);
        assertThat(edgeless.edgeCount()).isZero();
        assertThat(edgeless.totalEdgeWeight()).isZero();
    }

    @Test
    void invalidInputIsRejected() {
        assertThatThrownBy(() -> new CsrGraphBuilder(3).addEdge(0, 3, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range 0..2");
        assertThatThrownBy(() -> new CsrGraphBuilder(3).addEdge(-1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CsrGraphBuilder(3).addEdge(0, 1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite and >= 0");
        assertThatThrownBy(() -> new CsrGraphBuilder(3).addEdge(0, 1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CsrGraphBuilder(-1)).isInstanceOf(IllegalArgumentException.class);
        CsrGraphBuilder used = new CsrGraphBuilder(2);
        used.build();
        assertThatThrownBy(used::build).isInstanceOf(IllegalStateException.class);
    }
}
