package dev.taskstream.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.task.TaskEngine;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.Imports;
import dev.taskstream.server.testing.LogCapture;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Text that cannot be stored (U+0000, unpaired surrogates) wherever a client can send it, text cut between
 * characters, and a client's mistake in a task logged as the client's (issue 24). On both databases: Postgres is
 * the one that refuses NUL, and stores a lone surrogate as '?'.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostileInputContract {
    private TestDatabase db;
    private TaskstreamServer server;
    private Http http;

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void start() {
        db = TestDatabase.create(kind());
        server = TestServer.start(db, s -> s.withWorkers(2));
        http = new Http(server.baseUrl());
    }

    @AfterAll
    void stop() {
        TestServer.stop(server, db);
    }

    @Test
    void aNulInAProjectNameIsRefusedBy400NotStored() {
        try (LogCapture log = LogCapture.start()) {
            Http.Answer a = http.put("/api/v1/projects/nul", "{\"name\":\"a\\u0000b\"}");
            assertThat(a.status()).as(a.body()).isEqualTo(400);
            assertThat(a.json().get("detail").asText()).contains("field 'name'").contains("U+0000 (NUL) at position 1");
            assertThat(http.get("/api/v1/projects/nul").status()).isEqualTo(404);
            assertThat(log.warningsAndErrors()).isEmpty();
        }
    }

    @Test
    void aNulInAQueryParameterIsRefusedBy400() {
        try (LogCapture log = LogCapture.start()) {
            for (String query : List.of("/api/v1/tasks?name=a%00b", "/api/v1/tasks?status=%00",
                    "/api/v1/tasks?project_id=p%00", "/api/v1/tasks?na%00me=x", "/api/v1/projects/p/communities?limit=%00")) {
                Http.Answer a = http.get(query);
                assertThat(a.status()).as(query + " -> " + a.body()).isEqualTo(400);
                assertThat(a.json().get("detail").asText()).as(query).contains("U+0000 (NUL)");
            }
            assertThat(log.warningsAndErrors()).isEmpty();
        }
    }

    @Test
    void aNulInTaskParamsIsRefusedBeforeTheTaskIsStored() {
        Http.Answer a = http.post("/api/v1/tasks", "{\"name\":\"test_steps\",\"params\":{\"labels\":[\"ok\",\"a\\u0000\"]}}");
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.json().get("detail").asText()).contains("field 'params.labels[1]'");
    }

    @Test
    void aLoneSurrogateInAProjectNameIsRefusedAsTheImportRefusesIt() {
        Http.Answer a = http.put("/api/v1/projects/surrogate", "{\"name\":\"a\\ud800b\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.json().get("detail").asText()).contains("unpaired surrogate (U+D800) at position 1");
        assertThat(http.get("/api/v1/projects/surrogate").status()).isEqualTo(404);
        // A whole pair is a character, stored and read back as it was sent.
        Http.Answer ok = http.put("/api/v1/projects/surrogate", "{\"name\":\"a\\ud83d\\ude00b\"}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(http.get("/api/v1/projects/surrogate").json().get("name").asText()).isEqualTo("a\uD83D\uDE00b");
    }

    @Test
    void communityNamesAreClippedBetweenCharacters() {
        // "Around <name> (2)" is 502 UTF-16 units; names hold 500, so it is cut, and the cut falls on the emoji.
        String longName = "a".repeat(489) + "\uD83D\uDE00";
        Imports.completed(http, "clip", "{\"entities\":[{\"id\":\"e1\",\"name\":\"" + longName + "\"},"
                + "{\"id\":\"e2\",\"name\":\"B\"}],\"edges\":[{\"source\":\"e1\",\"target\":\"e2\",\"relation\":\"R\"}]}");
        String rebuild = http.post("/api/v1/projects/clip/communities/rebuild", "").json().get("task_id").asText();
        assertThat(Imports.awaitEnd(http, rebuild).get("status").asText()).isEqualTo("completed");
        JsonNode community = http.get("/api/v1/projects/clip/communities").json().get("items").get(0);
        String name = community.get("name").asText();
        assertThat(name).isEqualTo("Around " + "a".repeat(489) + "...");
        assertThat(StorableText.problem(name)).isNull();
        assertThat(StorableText.problem(community.get("description").asText())).isNull();
    }

    @Test
    void aRebuildFailingOnItsClientsParamsIsOneInfoLineNotAWarning() {
        try (LogCapture log = LogCapture.start(TaskEngine.class)) {
            http.put("/api/v1/projects/params", "{\"name\":\"Params\"}");
            String id = http.post("/api/v1/tasks", "{\"name\":\"rebuild_communities\",\"project_id\":\"params\","
                    + "\"params\":{\"algorithm\":\"magic\"}}").json().get("task_id").asText();
            JsonNode task = Imports.awaitEnd(http, id);
            assertThat(task.get("status").asText()).isEqualTo("failed");
            assertThat(task.get("error").asText()).contains("unknown algorithm 'magic'");
            assertThat(log.linesContaining(id)).singleElement().asString().startsWith("INFO ")
                    .contains("unknown algorithm 'magic'");
            assertThat(log.warningsAndErrors()).isEmpty();
        }
    }
}
