package dev.taskstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstream.bench.cli.BenchMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Smoke test of {@code quality} on tiny graphs: rows with scores, the summary table, usage errors. No timing. */
class QualitySweepTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = BenchMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void printsEveryRunAndTheSummary() {
        Run r = run("quality", "--nodes", "400", "--mixing", "0.1,0.3", "--seeds", "1,2");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        for (String algorithm : new String[] {"taskstream leiden", "taskstream label_propagation"}) {
            assertThat(r.out().lines().filter(l -> l.contains(algorithm) && l.matches(".*\\d\\.\\d{4}.*"))).hasSize(4);
        }
        // igraph's rows when python-igraph is installed, else one line saying it was not run
        assertThat(r.out().contains("igraph leiden") || r.out().contains("igraph: not run")).as(r.out()).isTrue();
        assertThat(r.out()).contains("| n | μ | taskstream leiden | taskstream label_propagation |")
                .contains("| 400 | 0.1 |").contains("| 400 | 0.3 |").contains("Largest μ with mean NMI >= 0.9:");
        // At μ = 0.1 both find the planted communities of these small graphs almost exactly.
        String low = r.out().lines().filter(l -> l.startsWith("| 400 | 0.1 |")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(low.split("\\|")[3].strip().split(" ")[0])).as(low).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void badValuesAreUsageErrors() {
        Run mixing = run("quality", "--mixing", "1.5", "--no-igraph");
        assertThat(mixing.exit()).isEqualTo(2);
        assertThat(mixing.err()).contains("--mixing values must be in [0, 1], got 1.5");
        Run nodes = run("quality", "--nodes", "10", "--no-igraph");
        assertThat(nodes.exit()).isEqualTo(2);
        assertThat(nodes.err()).contains("--nodes values must be from 100");
    }
}
