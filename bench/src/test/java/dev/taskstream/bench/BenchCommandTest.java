package dev.taskstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstream.bench.cli.BenchMain;
import dev.taskstream.server.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Smoke tests: each benchmark with tiny parameters prints its table with numbers and exits 0. No timing assertions. */
class BenchCommandTest {
    /** A table row that starts with {@code first} and has at least one decimal number after it. */
    private static final String NUMBER = "\\d+(\\.\\d+)?";

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = BenchMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The first line matching {@code rowStart} (a regular expression, from the line's start) has numbers. */
    private static void assertRow(String out, String rowStart, int minNumbers) {
        Pattern start = Pattern.compile("^" + rowStart);
        String row = out.lines().filter(l -> start.matcher(l).find()).findFirst().orElseThrow(
                () -> new AssertionError("no row matching '" + rowStart + "' in:\n" + out));
        long numbers = Pattern.compile("(?<=\\s)" + NUMBER + "(?=\\s|$)").matcher(row).results().count();
        assertThat(numbers).as("numbers in row: " + row).isGreaterThanOrEqualTo(minNumbers);
    }

    private static void assertHeader(String out, String bench) {
        assertThat(out).contains("# taskstream bench " + bench).contains("# JVM: ").contains(" cores, max heap ")
                .contains("# database: ").contains("# parameters: ").contains("# load average at start: ");
    }

    @Test
    void latencyOnH2() {
        Run r = run("latency", "--events", "5", "--interval-ms", "5", "--watchers", "2", "--pollers", "1",
                "--poll-ms", "100", "--db-poll-ms", "100");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertHeader(r.out(), "latency");
        assertRow(r.out(), "SSE push \\(H2\\)", 6);
        assertThat(r.out()).contains("6 of 6"); // 5 steps and the completed event, for each watcher
        assertRow(r.out(), "poll GET /tasks/\\{id\\} every 100 ms", 3);
        assertRow(r.out(), "poll event log every 100 ms", 6);
        assertSideBySide(r.out());
    }

    /** Taskstream's deliveries beside the bare broadcaster's, and their ratios. */
    private static void assertSideBySide(String out) {
        assertRow(out, "Taskstream  ", 5);
        assertRow(out, "baseline \\(bare NIO\\)", 5); // deliveries/s, p50, p99, all served p99, missing (0)
        assertRow(out, "Taskstream / baseline", 4);
    }

    @Test
    void fanoutOnAChildServer() {
        Run r = run("fanout", "--streams", "20", "--events", "3", "--interval-ms", "20", "--server-heap", "256m");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertHeader(r.out(), "fanout");
        assertThat(r.out()).contains("open-file limit");
        assertRow(r.out(), "20 ", 8); // both tables have a row per stream count
        assertThat(r.out()).contains("heap/stream KiB").contains("deliveries/s");
        assertRow(r.out(), "baseline  ", 10); // the broadcaster in its own child, same table as Taskstream
        assertSideBySide(r.out());
    }

    @Test
    void dbloadOnH2() {
        Run r = run("dbload", "--watchers", "1,2", "--seconds", "1", "--events", "3", "--interval-ms", "5");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertHeader(r.out(), "dbload");
        assertRow(r.out(), "H2 +1 ", 8);
        assertRow(r.out(), "H2 +2 ", 8);
    }

    @Test
    void throughputWithTwoProcessesOnPostgres() {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRES)) {
            Run r = run("throughput", "--tasks", "20", "--processes", "2", "--workers", "2",
                    "--latency-tasks", "5", "--rate", "50", "--db-url", db.url(), "--db-user", db.user());
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertHeader(r.out(), "throughput");
            assertRow(r.out(), "2 +2 +20 ", 5);
            assertThat(r.out()).contains("tasks/s").contains("server CPU ms/task").contains("Postgres CPU ms/task")
                    .contains("enqueue->start p50 ms");
            // Postgres's side: WAL of the bench database (a number, or '-' without pg_walinspect) and rows per task
            assertThat(r.out()).contains("WAL bytes/task (database)").contains("of it full-page images")
                    .containsPattern("\\d+\\.\\d\\d / \\d+\\.\\d\\d \\(\\d+\\.\\d\\d\\) / \\d+\\.\\d\\d");
            assertRow(r.out(), "same statements, bare JDBC +20 +2 x 2 ", 4); // start -> done s, jobs/s, 2 x CPU
            assertThat(r.out()).contains("ratio taskstream / bare JDBC");
        }
    }

    @Test
    void rebuildOnH2AndPostgres() {
        Run h2 = run("rebuild", "--edges", "2000", "--runs", "2", "--db", "h2");
        assertThat(h2.exit()).as(h2.out() + h2.err()).isZero();
        assertHeader(h2.out(), "rebuild");
        assertRow(h2.out(), "H2 +2000 +200 +1 ", 9); // edges, nodes, run, wall, load, detect, save, ratio, communities
        assertRow(h2.out(), "H2 +2000 +200 +2 ", 9);
        assertRow(h2.out(), "H2 +2000 +1 +query ", 3);
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRES)) {
            Run pg = run("rebuild", "--edges", "2000", "--runs", "1", "--db-url", db.url(), "--db-user",
                    db.user());
            assertThat(pg.exit()).as(pg.out() + pg.err()).isZero();
            assertRow(pg.out(), "Postgres +2000 +200 +1 ", 9);
            assertRow(pg.out(), "Postgres +2000 +2 +copy ", 3);
        }
    }

    /** Every mode's row (its figures: file, upload, import, edges/s, heap, baseline, ratio, load) and the importer's lines. */
    @Test
    void importInEveryModeOnH2AndPostgres() {
        Run h2 = run("import", "--db", "h2", "--edges", "300", "--formats", "csv,json", "--server-heap", "256m");
        assertThat(h2.exit()).as(h2.out() + h2.err()).isZero();
        assertHeader(h2.out(), "import");
        assertRow(h2.out(), "H2 +generated +new +csv +300 ", 8);
        assertRow(h2.out(), "H2 +generated +update +csv +300 ", 8);
        assertRow(h2.out(), "H2 +generated +new +json +300 ", 8);
        assertRow(h2.out(), "H2 +generated +update +json +300 ", 8);
        assertThat(h2.out().lines().filter(l -> l.startsWith("H2 ") && l.contains(" 2 nodes "))).as(h2.out())
                .isEmpty(); // one process per H2 database
        assertThat(h2.out()).contains("new csv: import into bench (direct)")
                .contains("update json: import into bench (staged)");
        Run pg = run("import", "--db", "postgres", "--pg-url", "jdbc:postgresql://" + TestDatabase.PG_HOST + ":"
                + TestDatabase.PG_PORT + "/" + TestDatabase.PG_DB, "--db-user", TestDatabase.PG_USER,
                "--edges", "300", "--formats", "csv", "--server-heap", "256m");
        assertThat(pg.exit()).as(pg.out() + pg.err()).isZero();
        assertRow(pg.out(), "Postgres +generated +new +csv +300 ", 8);
        assertRow(pg.out(), "Postgres +generated +update +csv +300 ", 8);
        assertRow(pg.out(), "Postgres +generated +2 nodes +csv +300 ", 8);
        assertThat(pg.out()).contains("2 nodes csv: import into bench (direct)");
    }

    /** The demo graph, as DemoGraph emits it, in both formats: its own row beside CSVREAD of the same rows. */
    @Test
    void importTheDemoGraphOnH2() {
        Run r = run("import", "--db", "h2", "--graph", "demo", "--formats", "csv,json", "--modes", "new");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("# parameters: demo graph (");
        assertRow(r.out(), "H2 +demo +new +csv +\\d+ ", 8);
        assertRow(r.out(), "H2 +demo +new +json +\\d+ ", 8);
        assertThat(r.out().lines().filter(l -> l.startsWith("H2 ") && l.contains(" update "))).as(r.out()).isEmpty();
    }

    @Test
    void badValuesAreUsageErrors() {
        Run zero = run("latency", "--watchers", "0");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("--watchers values must be from 1 to");
        Run h2 = run("throughput", "--db", "h2", "--processes", "2");
        assertThat(h2.exit()).isEqualTo(2);
        assertThat(h2.err()).contains("Postgres");
        Run db = run("dbload", "--db", "mysql");
        assertThat(db.exit()).isEqualTo(2);
        assertThat(db.err()).contains("--db must be h2, postgres or both");
        Run runs = run("rebuild", "--runs", "0");
        assertThat(runs.exit()).isEqualTo(2);
        assertThat(runs.err()).contains("--runs must be from 1 to 100");
        Run graph = run("import", "--graph", "social");
        assertThat(graph.exit()).isEqualTo(2);
        assertThat(graph.err()).contains("--graph must be generated or demo");
        Run mode = run("import", "--modes", "new,replace");
        assertThat(mode.exit()).isEqualTo(2);
        assertThat(mode.err()).contains("--modes takes new, update and 2nodes, got 'replace'");
        Run none = run();
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("missing benchmark");
    }
}
