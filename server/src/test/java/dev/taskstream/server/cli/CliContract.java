package dev.taskstream.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.ServerFixture;
import dev.taskstream.server.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The command line, run in-process against a real app.server(). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CliContract {
    @RegisterExtension
    final ServerFixture app = new ServerFixture(this::kind);
    private final List<Process> serving = new java.util.ArrayList<>();

    abstract TestDatabase.Kind kind();

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    String submit(String name, String params) {
        return app.http().post("/api/v1/tasks", "{\"name\":\"" + name + "\",\"params\":" + params + "}").json()
                .get("task_id").asText();
    }

    @Test
    void watchDrawsProgressAndExitsZeroOnCompletion() {
        // Steps a second apart, so the watch is attached before the last one even on a loaded machine.
        String id = submit("test_steps", "{\"steps\":5,\"delay_ms\":1000}");
        Run r = run("watch", id, "--url", app.server().baseUrl());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("step 5 of 5").contains("[##############################] 100%")
                .contains("completed: steps 5");
        // The raw result behind --json, and --server as the desktop app spells it.
        Run raw = run("watch", id, "--server", app.server().baseUrl(), "--json");
        assertThat(raw.exit()).as(raw.err()).isZero();
        assertThat(raw.out()).contains("completed: {\"steps\":5}");
    }

    @Test
    void watchEndsARebuildWithALineAPersonReads() {
        dev.taskstream.server.testing.Imports.completed(app.http(), "cli", "{\"entities\":[{\"id\":\"a\",\"name\":\"A\"},"
                + "{\"id\":\"b\",\"name\":\"B\"},{\"id\":\"c\",\"name\":\"C\"}],\"edges\":["
                + "{\"source\":\"a\",\"target\":\"b\",\"relation\":\"R\"},{\"source\":\"b\",\"target\":\"c\",\"relation\":\"R\"}]}");
        String id = app.http().post("/api/v1/projects/cli/communities/rebuild", "").json().get("task_id").asText();
        Run r = run("watch", id, "--server", app.server().baseUrl());
        assertThat(r.exit()).as(r.err()).isZero();
        var result = app.http().get("/api/v1/tasks/" + id).json().get("result");
        int communities = result.get("communities_count").asInt();
        assertThat(r.out()).containsPattern("completed: " + communities + " communit(y|ies) · modularity "
                + String.format(java.util.Locale.ROOT, "%.3f", result.get("modularity").asDouble())
                + " · [0-9.]+ m?s\\n");
        assertThat(r.out()).doesNotContain("communities_count");
    }

    @Test
    void watchExitCodesTellHowTheTaskEnded() {
        assertThat(run("watch", submit("test_fail", "{}"), "--url", app.server().baseUrl()))
                .satisfies(r -> assertThat(r.exit()).isEqualTo(WatchCommand.FAILED))
                .satisfies(r -> assertThat(r.out()).contains("failed: boom"));

        String held = submit("test_hold", "{}");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> app.http().get("/api/v1/tasks/" + held).json().get("status").asText()
                        .equals("processing"));
        app.http().post("/api/v1/tasks/" + held + "/cancel", "");
        assertThat(run("watch", held, "--url", app.server().baseUrl()).exit()).isEqualTo(WatchCommand.CANCELLED);

        Run unknown = run("watch", UUID.randomUUID().toString(), "--url", app.server().baseUrl());
        assertThat(unknown.exit()).isEqualTo(WatchCommand.NOT_FOUND);
        assertThat(unknown.err()).contains("no task with id");
    }

    @Test
    void watchReportsUsageAndConnectionProblemsClearly() {
        Run malformed = run("watch", "not-a-uuid", "--url", app.server().baseUrl());
        assertThat(malformed.exit()).isEqualTo(2);
        assertThat(malformed.err()).contains("TASK_ID must be a UUID").doesNotContain("Exception");

        Run unreachable = run("watch", UUID.randomUUID().toString(), "--url", "http://127.0.0.1:1");
        assertThat(unreachable.exit()).isEqualTo(WatchCommand.UNREACHABLE);
        assertThat(unreachable.err()).contains("cannot reach").doesNotContain("\tat ");
    }

    @Test
    void serveRejectsBadOptionsWithUsage() {
        for (String[] args : new String[][] {{"serve", "--port", "99999"}, {"serve", "--port", "abc"},
                {"serve", "--db-url", "mysql://x"}, {"serve", "--workers", "-1"}, {"serve", "--bogus"}}) {
            Run r = run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).isNotBlank().doesNotContain("\tat ");
        }
    }

    @Test
    void serveRefusesOriginNullAndAnEmptyHostWithItsOwnUsage() {
        Run nullOrigin = run("serve", "--db-url", "jdbc:h2:mem:refused", "--cors-origin", "null");
        assertThat(nullOrigin.exit()).isEqualTo(2);
        assertThat(nullOrigin.err()).contains("--cors-origin null is refused").contains("sandboxed")
                .contains("scheme://host[:port]").contains("Usage:").doesNotContain("anyHost");
        Run badOrigin = run("serve", "--db-url", "jdbc:h2:mem:refused", "--cors-origin", "ops.example.com/x");
        assertThat(badOrigin.exit()).isEqualTo(2);
        assertThat(badOrigin.err()).contains("is not an origin");
        Run emptyHost = run("serve", "--db-url", "jdbc:h2:mem:refused", "--host", "");
        assertThat(emptyHost.exit()).isEqualTo(2);
        assertThat(emptyHost.err()).contains("--host is empty").contains("0.0.0.0").contains("Usage:");
    }

    @Test
    void errorsAndLogsNeverShowTheDatabasePassword() throws Exception {
        Run wrongUrl = run("serve", "--db-url", "jdbc:mysql://app.db().example/tasks?user=ops&password=hunter2");
        assertThat(wrongUrl.exit()).isEqualTo(2);
        assertThat(wrongUrl.err()).contains("password=***").doesNotContain("hunter2");

        // A real `serve` process with its production logging: the INFO line names the database.
        boolean postgres = kind() == TestDatabase.Kind.POSTGRES;
        String url = postgres ? app.db().url() + "&password=hunter2" : "jdbc:h2:mem:serve;PASSWORD=hunter2";
        List<String> args = new java.util.ArrayList<>(List.of("--host", "[::1]", "--port", "0", "--workers", "0",
                "--db-url", url));
        if (postgres) {
            args.addAll(List.of("--db-user", app.db().user(), "--db-password", "hunter3"));
        }
        List<String> lines = serveUntilListening(args);
        assertThat(String.join("\n", lines)).contains("serving on").doesNotContain("hunter2")
                .doesNotContain("hunter3").contains(postgres ? "password=***" : "PASSWORD=***");
        // The address as a URL a person can paste: one pair of brackets around an IPv6 address.
        String listening = lines.stream().filter(l -> l.startsWith("Taskstream server listening on")).findFirst()
                .orElseThrow();
        assertThat(listening).matches("Taskstream server listening on http://\\[::1]:\\d+");
        assertThat(new Http(listening.substring(listening.indexOf("http"))).get("/api/v1/health").status())
                .isEqualTo(200);
    }

    /** Runs `serve` in its own JVM; its output up to the "listening on" line, the server still running. */
    private List<String> serveUntilListening(List<String> serveArgs) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve"));
        cmd.addAll(serveArgs);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        serving.add(p);
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException ended) {
                // the process was stopped
            }
        });
        await().atMost(Duration.ofSeconds(60)).failFast(() -> !p.isAlive())
                .until(() -> lines.stream().anyMatch(l -> l.startsWith("Taskstream server listening on")));
        return List.copyOf(lines);
    }

    @AfterEach
    void stopServing() throws InterruptedException {
        for (Process p : serving) {
            p.destroy();
            p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        serving.clear();
    }

    @Test
    void versionAndHelp() {
        assertThat(run("--version").out()).startsWith("taskstream-server ");
        assertThat(run("serve", "--help").out()).contains("--db-url").contains("TASKSTREAM_DB_URL");
        assertThat(run("watch", "--help").out()).contains("TASK_ID");
        assertThat(run().exit()).isEqualTo(2);
    }
}
