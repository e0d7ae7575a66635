package dev.taskstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the benchmark on a tiny graph, with the JGraphT comparison of the test sources: the
 * table is complete and the numbers sane (no timing checks).
 */
class CommunityBenchmarkTest {

    private static String render(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsARowPerAlgorithmWithSaneQuality() {
        // 2,000 edges: 200 nodes in 10 groups of 20, average degree 20.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<CommunityBenchmark.Row> rows = CommunityBenchmark.run(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new CommunityBenchmark.Config(new long[] {2_000}, 7, 20, 100, true), List.of(JGraphTComparison.defaults()));
        String table = render(bytes);

        assertThat(table).contains("available processors", "max heap", "warm-up", "Time ratios");
        assertThat(rows).extracting(r -> r.implementation() + " " + r.algorithm()).containsExactly(
                "taskstream leiden", "taskstream label_propagation", "jgrapht label_propagation", "jgrapht greedy_modularity");
        for (CommunityBenchmark.Row r : rows) {
            assertThat(r.skipped()).as(r.algorithm()).isFalse();
            assertThat(r.edges()).isEqualTo(2_000);
            assertThat(r.seconds()).isGreaterThanOrEqualTo(0);
            // Label propagation may legitimately flood a graph this small into one community (Q = 0).
            assertThat(r.modularity()).as("%s %s modularity", r.implementation(), r.algorithm()).isBetween(0.0, 1.0);
            assertThat(r.nmi()).isBetween(0.0, 1.0 + 1e-9);
            assertThat(r.communities()).isPositive();
            assertThat(table).containsPattern("(?m)^\\s*2,000 .*" + r.implementation() + "\\s+" + r.algorithm() + "\\s");
        }
        CommunityBenchmark.Row leiden = rows.get(0);
        assertThat(leiden.modularity()).isGreaterThan(0);
        assertThat(leiden.nmi()).isGreaterThan(0.5);
        assertThat(rows.get(3).modularity()).as("jgrapht greedy modularity").isGreaterThan(0);
        assertThat(table).containsPattern("leiden\\s+/ greedy_modularity\\s+\\d");
        assertThat(table).containsPattern("label_propagation\\s+/ label_propagation\\s+\\d");
    }

    @Test
    void skipsJGraphTAboveTheConfiguredSize() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<CommunityBenchmark.Row> rows = CommunityBenchmark.run(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new CommunityBenchmark.Config(new long[] {2_000}, 7, 20, 100, false),
                List.of(new JGraphTComparison(1_000, 1_000)));

        assertThat(rows).hasSize(4);
        assertThat(rows.subList(0, 2)).noneMatch(CommunityBenchmark.Row::skipped);
        assertThat(rows.subList(2, 4)).allMatch(CommunityBenchmark.Row::skipped);
        assertThat(render(bytes)).contains("skipped: above 1,000 edges (graph alone would need ~", "n/a (jgrapht skipped)");
    }

    @Test
    void withoutComparisonsRunsOnlyOursAndPrintsNoRatios() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<CommunityBenchmark.Row> rows = CommunityBenchmark.run(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new CommunityBenchmark.Config(new long[] {2_000}, 7, 20, 100, false), List.of());

        assertThat(rows).extracting(r -> r.implementation() + " " + r.algorithm())
                .containsExactly("taskstream leiden", "taskstream label_propagation");
        assertThat(render(bytes)).doesNotContain("Time ratios", "JGraphT");
    }
}
