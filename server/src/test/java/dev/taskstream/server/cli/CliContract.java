package dev.taskstream.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The command line, run in-process against a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CliContract {
    private TestDatabase db;
    private TaskstreamServer server;
    private Http http;

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void start() {
        db = TestDatabase.create(kind());
        server = TestServer.start(db);
        http = new Http(server.baseUrl());
    }

    @AfterAll
    void stop() {
        server.close();
        db.close();
    }

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
        return http.post("/api/v1/tasks", "{\"name\":\"" + name + "\",\"params\":" + params + "}").json()
                .get("task_id").asText();
    }

    @Test
    void watchDrawsProgressAndExitsZeroOnCompletion() {
        // Steps a second apart, so the watch is attached before the last one even on a loaded machine.
        String id = submit("test_steps", "{\"steps\":5,\"delay_ms\":1000}");
        Run r = run("watch", id, "--url", server.baseUrl());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("step 5 of 5").contains("[##############################] 100%")
                .contains("completed: {\"steps\":5}");
    }

    @Test
    void watchExitCodesTellHowTheTaskEnded() {
        assertThat(run("watch", submit("test_fail", "{}"), "--url", server.baseUrl()))
                .satisfies(r -> assertThat(r.exit()).isEqualTo(WatchCommand.FAILED))
                .satisfies(r -> assertThat(r.out()).contains("failed: boom"));

        String held = submit("test_hold", "{}");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http.get("/api/v1/tasks/" + held).json().get("status").asText().equals("processing"));
        http.post("/api/v1/tasks/" + held + "/cancel", "");
        assertThat(run("watch", held, "--url", server.baseUrl()).exit()).isEqualTo(WatchCommand.CANCELLED);

        Run unknown = run("watch", UUID.randomUUID().toString(), "--url", server.baseUrl());
        assertThat(unknown.exit()).isEqualTo(WatchCommand.NOT_FOUND);
        assertThat(unknown.err()).contains("no task with id");
    }

    @Test
    void watchReportsUsageAndConnectionProblemsClearly() {
        Run malformed = run("watch", "not-a-uuid", "--url", server.baseUrl());
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
    void versionAndHelp() {
        assertThat(run("--version").out()).startsWith("taskstream-server ");
        assertThat(run("serve", "--help").out()).contains("--db-url").contains("TASKSTREAM_DB_URL");
        assertThat(run("watch", "--help").out()).contains("TASK_ID");
        assertThat(run().exit()).isEqualTo(2);
    }
}
