package dev.taskstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Smoke test of {@code bench community --igraph} on tiny graphs (quality only, never timing). */
class CommunityBenchmarkIgraphTest {

    private static final String PYTHON = "/usr/bin/python3";

    private static CommunityBenchmark.Config tiny() {
        return new CommunityBenchmark.Config(new long[] {2_000}, 7, 20, 100, false);
    }

    private static boolean igraphInstalled() throws Exception {
        if (!new java.io.File(PYTHON).canExecute()) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON, "-c", "import igraph, leidenalg").start();
        return p.waitFor() == 0;
    }

    @Test
    void comparesWithIgraphOnTheSameGraphWhenInstalled() throws Exception {
        assumeTrue(igraphInstalled(), "python3-igraph and python3-leidenalg not installed for " + PYTHON);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<IgraphComparison.Row> rows = IgraphComparison.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), tiny(),
                PYTHON, List.of(2_000), 0.2);
        String table = bytes.toString(StandardCharsets.UTF_8);

        assertThat(rows).extracting(r -> r.implementation() + " " + r.algorithm()).containsExactly(
                "taskstream leiden", "taskstream label_propagation", "igraph leiden", "igraph label_propagation",
                "igraph leidenalg",
                "taskstream leiden", "taskstream label_propagation", "igraph leiden", "igraph label_propagation",
                "igraph leidenalg");
        for (IgraphComparison.Row r : rows) {
            assertThat(r.modularity()).as("%s %s", r.implementation(), r.algorithm()).isBetween(0.0, 1.0);
            assertThat(r.communities()).isPositive();
        }
        // Both Leidens find the planted structure of the small planted graph.
        assertThat(rows.get(0).modularity()).isCloseTo(rows.get(2).modularity(), org.assertj.core.data.Offset.offset(0.05));
        assertThat(table).contains("LFR-like (mixing 0.20)").containsPattern("leiden\\s+/ igraph leiden\\s+time\\s+\\d");
    }

    @Test
    void saysSoWhenPythonIsMissing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<IgraphComparison.Row> rows = IgraphComparison.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), tiny(),
                "/nonexistent/python3", List.of(), 0.4);

        assertThat(rows).extracting(IgraphComparison.Row::implementation).containsOnly("taskstream").hasSize(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("igraph: not run");
    }
}
