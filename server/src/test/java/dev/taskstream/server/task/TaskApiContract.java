package dev.taskstream.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import dev.taskstream.shared.api.BatchAccepted;
import dev.taskstream.shared.api.TaskRequest;
import dev.taskstream.shared.client.ApiException;
import dev.taskstream.shared.client.TaskstreamClient;
import dev.taskstream.shared.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The task REST API over real HTTP; runs once on H2 and once on Postgres (see the subclasses). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TaskApiContract {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestDatabase db;
    private TaskstreamServer server;
    private Http http;
    private final List<String> holding = new ArrayList<>();

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

    @AfterEach
    void releaseHeldTasks() {
        for (String id : holding) {
            http.post("/api/v1/tasks/" + id + "/cancel", "");
        }
        for (String id : holding) {
            awaitStatus(id, "cancelled", "completed", "failed");
        }
        holding.clear();
    }

    // ---- helpers ---------------------------------------------------------------------------

    String submit(String name, String projectId, String params) {
        String body = "{\"name\":\"" + name + "\"" + (projectId == null ? "" : ",\"project_id\":\"" + projectId + "\"")
                + (params == null ? "" : ",\"params\":" + params) + "}";
        Http.Answer a = http.post("/api/v1/tasks", body);
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        String id = a.json().get("task_id").asText();
        assertThat(a.json().get("task_url").asText()).isEqualTo("/api/v1/tasks/" + id);
        assertThat(a.json().get("stream_url").asText()).isEqualTo("/api/v1/tasks/" + id + "/stream");
        if (name.equals("test_hold")) {
            holding.add(id);
        }
        return id;
    }

    JsonNode task(String id) {
        Http.Answer a = http.get("/api/v1/tasks/" + id);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    JsonNode awaitStatus(String id, String... statuses) {
        await().atMost(WAIT).until(() -> List.of(statuses).contains(task(id).get("status").asText()));
        return task(id);
    }

    long taskCount() {
        return http.get("/api/v1/tasks?limit=1").json().get("total").asLong();
    }

    static void assertError(Http.Answer a, int status, String detailFragment) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode json = a.json();
        assertThat(json.get("error").asText()).isNotBlank();
        assertThat(json.get("detail").asText()).containsIgnoringCase(detailFragment);
        assertThat(a.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    // ---- tasks run to the end ---------------------------------------------------------------

    @Test
    void taskRunsToCompletionWithEveryField() {
        String id = submit("test_steps", "p1", "{\"steps\":3}");
        JsonNode t = awaitStatus(id, "completed");
        assertThat(t.get("id").asText()).isEqualTo(id);
        assertThat(t.get("name").asText()).isEqualTo("test_steps");
        assertThat(t.get("project_id").asText()).isEqualTo("p1");
        assertThat(t.get("progress").asInt()).isEqualTo(100);
        assertThat(t.get("result").get("steps").asInt()).isEqualTo(3);
        assertThat(t.get("error").isNull()).isTrue();
        assertThat(t.get("attempt").asInt()).isEqualTo(1);
        assertThat(t.get("worker_id").asText()).isEqualTo(server.nodeId());
        for (String field : List.of("created_at", "started_at", "completed_at", "updated_at")) {
            assertThat(t.get(field).asText()).as(field).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        }
    }

    @Test
    void failingTaskEndsFailedWithItsError() {
        String id = submit("test_fail", null, null);
        JsonNode t = awaitStatus(id, "failed");
        assertThat(t.get("error").asText()).isEqualTo("boom");
        assertThat(t.get("completed_at").isNull()).isFalse();
    }

    // ---- cancel -----------------------------------------------------------------------------

    @Test
    void cancelProcessingTaskStopsItsWorker() {
        String id = submit("test_hold", null, null);
        awaitStatus(id, "processing");
        Http.Answer a = http.post("/api/v1/tasks/" + id + "/cancel", "");
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        JsonNode t = awaitStatus(id, "cancelled");
        assertThat(t.get("completed_at").isNull()).isFalse();
    }

    @Test
    void cancelPendingTaskEndsItBeforeItStarts() {
        // Both workers busy: the third task stays pending.
        String a = submit("test_hold", "busy-a", null);
        String b = submit("test_hold", "busy-b", null);
        awaitStatus(a, "processing");
        awaitStatus(b, "processing");
        String pending = submit("test_steps", null, null);
        assertThat(task(pending).get("status").asText()).isEqualTo("pending");
        assertThat(http.post("/api/v1/tasks/" + pending + "/cancel", "").status()).isEqualTo(202);
        JsonNode t = task(pending);
        assertThat(t.get("status").asText()).isEqualTo("cancelled");
        assertThat(t.get("started_at").isNull()).isTrue();
    }

    @Test
    void cancelEndedTaskIsAConflict() {
        String id = submit("test_steps", null, "{\"steps\":1}");
        awaitStatus(id, "completed");
        assertError(http.post("/api/v1/tasks/" + id + "/cancel", ""), 409, "already ended");
        assertThat(task(id).get("status").asText()).isEqualTo("completed");
    }

    // ---- retry ------------------------------------------------------------------------------

    @Test
    void retryOfFailedTaskIsANewAttempt() {
        String id = submit("test_fail", "p-retry", "{\"x\":1}");
        awaitStatus(id, "failed");
        Http.Answer a = http.post("/api/v1/tasks/" + id + "/retry", "");
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        String retryId = a.json().get("task_id").asText();
        assertThat(retryId).isNotEqualTo(id);
        JsonNode t = awaitStatus(retryId, "failed");
        assertThat(t.get("attempt").asInt()).isEqualTo(2);
        assertThat(t.get("project_id").asText()).isEqualTo("p-retry");
        assertThat(t.get("name").asText()).isEqualTo("test_fail");
    }

    @Test
    void retryOfCompletedOrUnknownTaskIsRefused() {
        String id = submit("test_steps", null, "{\"steps\":1}");
        awaitStatus(id, "completed");
        long before = taskCount();
        assertError(http.post("/api/v1/tasks/" + id + "/retry", ""), 409, "only failed or cancelled");
        assertError(http.post("/api/v1/tasks/" + UUID.randomUUID() + "/retry", ""), 404, "no task");
        assertThat(taskCount()).isEqualTo(before);
    }

    @Test
    void exclusiveTaskTypeRunsOncePerProject() {
        String first = submit("test_hold", "solo", null);
        Http.Answer second = http.post("/api/v1/tasks", "{\"name\":\"test_hold\",\"project_id\":\"solo\"}");
        assertThat(second.status()).as(second.body()).isEqualTo(409);
        assertThat(second.json().get("task_id").asText()).isEqualTo(first);
    }

    // ---- list and paging --------------------------------------------------------------------

    @Test
    void listFiltersAndPagesNewestFirst() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(submit("test_steps", "paging", "{\"steps\":1}"));
        }
        ids.forEach(id -> awaitStatus(id, "completed"));
        JsonNode page = http.get("/api/v1/tasks?project_id=paging&limit=2&offset=1").json();
        assertThat(page.get("total").asLong()).isEqualTo(5);
        assertThat(page.get("limit").asInt()).isEqualTo(2);
        assertThat(page.get("offset").asInt()).isEqualTo(1);
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("items").get(0).get("id").asText()).isEqualTo(ids.get(3));
        assertThat(page.get("items").get(1).get("id").asText()).isEqualTo(ids.get(2));

        JsonNode beyond = http.get("/api/v1/tasks?project_id=paging&offset=100").json();
        assertThat(beyond.get("items")).isEmpty();
        assertThat(beyond.get("total").asLong()).isEqualTo(5);

        JsonNode completed = http.get("/api/v1/tasks?project_id=paging&status=completed&name=test_steps").json();
        assertThat(completed.get("total").asLong()).isEqualTo(5);
        assertThat(http.get("/api/v1/tasks?project_id=paging&status=failed").json().get("total").asLong()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=-1", "limit=501", "limit=99999999999999", "limit=abc", "offset=-1",
            "offset=10000001", "offset=1.5", "status=done", "status=PENDING", "colour=red", "project_id=no%20spaces"})
    void badListQueriesAre400(String query) {
        Http.Answer a = http.get("/api/v1/tasks?" + query);
        assertError(a, 400, query.substring(0, query.indexOf('=')).replace('_', ' '));
    }

    // ---- bad input --------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "123", "00000000-0000-0000-0000-00000000000g", "..%2F..%2Fetc"})
    void malformedIdsAre400(String id) {
        assertError(http.get("/api/v1/tasks/" + id), 400, "malformed id");
        assertError(http.post("/api/v1/tasks/" + id + "/cancel", ""), 400, "malformed id");
        assertError(http.post("/api/v1/tasks/" + id + "/retry", ""), 400, "malformed id");
    }

    /** Jetty refuses a NUL byte in the path before routing, and closes the connection: still JSON. */
    @Test
    void nulInThePathIsAJson400() throws Exception {
        try (var raw = dev.taskstream.server.testing.RawSse.open(server.baseUrl(), "/api/v1/tasks/%00")) {
            assertThat(raw.status()).isEqualTo(400);
            assertThat(raw.header("Content-Type")).startsWith("application/json");
            assertThat(raw.readToEnd()).contains("\"error\":\"bad_request\"");
        }
    }

    @Test
    void unknownIdsAre404() {
        String id = UUID.randomUUID().toString();
        assertError(http.get("/api/v1/tasks/" + id), 404, id);
        assertError(http.post("/api/v1/tasks/" + id + "/cancel", ""), 404, id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[]", "\"text\"", "{\"name\": 5}", "{\"name\":\"test_steps\",\"params\":[1]}",
            "{\"name\":\"test_steps\",\"params\":\"x\"}", "{\"name\":\"nope\"}", "{\"name\":\"\"}",
            "{\"name\":\"test_steps\",\"colour\":1}", "{\"name\":\"test_steps\",\"project_id\":\"bad id\"}",
            "{\"name\":\"test_steps\",\"project_id\":7}", ""})
    void badSubmitBodiesAre400AndChangeNothing(String body) {
        long before = taskCount();
        Http.Answer a = http.post("/api/v1/tasks", body);
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.json().get("detail").asText()).isNotBlank();
        assertThat(a.body()).doesNotContain("Exception");
        assertThat(taskCount()).isEqualTo(before);
    }

    @Test
    void oversizedBodyIs413AndChangesNothing() {
        long before = taskCount();
        String huge = "{\"name\":\"test_steps\",\"params\":{\"pad\":\"" + "x".repeat(65 * 1024 * 1024) + "\"}}";
        // As curl does for a large body: the client waits for the server's go-ahead, and the 413 comes first. Without
        // it, the 65 MB still being sent when the server closes can reset the connection before the 413 is read.
        Http.Answer a = http.send(java.net.http.HttpRequest.newBuilder(http.uri("/api/v1/tasks")).expectContinue(true)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(huge)));
        assertError(a, 413, "too large");
        assertThat(taskCount()).isEqualTo(before);
    }

    // ---- bulk enqueue ------------------------------------------------------------------------

    static String batchOf(int n, String task) {
        return "{\"tasks\":[" + String.join(",", java.util.Collections.nCopies(n, task)) + "]}";
    }

    @Test
    void batchEnqueuesEveryTaskAndAnswersTheirIdsInOrder() {
        Http.Answer a = http.post("/api/v1/tasks/batch", "{\"tasks\":["
                + "{\"name\":\"test_steps\",\"project_id\":\"bulk\",\"params\":{\"steps\":1}},"
                + "{\"name\":\"test_steps\",\"project_id\":\"bulk\",\"params\":{\"steps\":2}},"
                + "{\"name\":\"test_steps\",\"project_id\":\"bulk\",\"params\":null}]}");
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        List<String> ids = new ArrayList<>();
        a.json().get("task_ids").forEach(id -> ids.add(id.asText()));
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        assertThat(awaitStatus(ids.get(1), "completed").get("result").get("steps").asInt()).isEqualTo(2);
        assertThat(awaitStatus(ids.get(0), "completed").get("result").get("steps").asInt()).isEqualTo(1);
        assertThat(awaitStatus(ids.get(2), "completed").get("project_id").asText()).isEqualTo("bulk");
    }

    @Test
    void thousandTasksInOneBatchAreAccepted() {
        long before = taskCount();
        Http.Answer a = http.post("/api/v1/tasks/batch", batchOf(1_000,
                "{\"name\":\"test_steps\",\"project_id\":\"bulk-max\",\"params\":{\"steps\":0}}"));
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        assertThat(a.json().get("task_ids")).hasSize(1_000);
        assertThat(taskCount()).isEqualTo(before + 1_000);
        await().atMost(Duration.ofSeconds(120)).until(() -> http.get(
                "/api/v1/tasks?project_id=bulk-max&status=completed&limit=1").json().get("total").asInt() == 1_000);
    }

    @Test
    void batchBeyondTheLimitIs413AndChangesNothing() {
        long before = taskCount();
        assertError(http.post("/api/v1/tasks/batch", batchOf(1_001, "{\"name\":\"test_steps\"}")), 413, "at most 1000");
        assertThat(taskCount()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[]", "{}", "{\"tasks\":[]}", "{\"tasks\":{}}", "{\"tasks\":[null]}",
            "{\"tasks\":[{\"name\":\"test_steps\"},{\"name\":\"nope\"}]}",
            "{\"tasks\":[{\"name\":\"test_steps\"},{\"name\":\"test_steps\",\"params\":[1]}]}",
            "{\"tasks\":[{\"name\":\"test_steps\"},{\"name\":\"test_steps\",\"project_id\":\"bad id\"}]}",
            "{\"tasks\":[{\"name\":\"rebuild_communities\",\"project_id\":\"p\"}]}",
            "{\"tasks\":[{\"name\":\"test_steps\",\"colour\":1}]}"})
    void badBatchesAre400AndChangeNothing(String body) {
        long before = taskCount();
        Http.Answer a = http.post("/api/v1/tasks/batch", body);
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.json().get("detail").asText()).isNotBlank();
        assertThat(a.body()).doesNotContain("Exception");
        if (body.contains("},{")) {
            assertThat(a.json().get("detail").asText()).as("names the bad task").startsWith("tasks[1]");
        }
        assertThat(taskCount()).isEqualTo(before);
    }

    @Test
    void clientSubmitsABatch() {
        try (TaskstreamClient client = TaskstreamClient.create(server.baseUrl())) {
            BatchAccepted accepted = client.submitTasks(List.of(
                    new TaskRequest("test_steps", "bulk-client", Json.mapper().createObjectNode().put("steps", 1)),
                    new TaskRequest("test_steps", null, null)));
            assertThat(accepted.taskIds()).hasSize(2);
            assertThat(awaitStatus(accepted.taskIds().getFirst().toString(), "completed").get("project_id").asText())
                    .isEqualTo("bulk-client");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.submitTasks(java.util.Collections.nCopies(
                    1_001, new TaskRequest("test_steps", null, null))))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
        }
    }

    @Test
    void unknownEndpointIsJson404() {
        Http.Answer unknownRoute = http.get("/api/v1/nothing-here");
        assertError(unknownRoute, 404, "no such endpoint");
        assertThat(unknownRoute.json().get("code").asText()).isEqualTo("no_such_endpoint");
    }

    // ---- health, metrics, projects ----------------------------------------------------------

    @Test
    void healthReportsDatabase() {
        JsonNode h = http.get("/api/v1/health").json();
        assertThat(h.get("status").asText()).isEqualTo("ok");
        assertThat(h.get("database").asText()).isEqualTo("up");
        // When the background probe last saw the database (health itself never waits for it).
        assertThat(java.time.Instant.parse(h.get("database_checked_at").asText())).isBeforeOrEqualTo(java.time.Instant.now());
    }

    @Test
    void metricsInPrometheusTextFormat() {
        String id = submit("test_steps", null, "{\"steps\":1}");
        awaitStatus(id, "completed");
        Http.Answer a = http.get("/metrics");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(a.body()).contains("# TYPE taskstream_tasks gauge")
                .containsPattern("taskstream_tasks\\{status=\"completed\"} [1-9]")
                .contains("taskstream_streams_open ")
                .contains("taskstream_events_sent_total ");
    }

    @Test
    void projectsAreCreatedRenamedAndListed() {
        Http.Answer created = http.put("/api/v1/projects/alpha", "{\"name\":\"Alpha\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Http.Answer renamed = http.put("/api/v1/projects/alpha", "{\"name\":\"Alpha Two\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("Alpha Two");
        assertThat(http.get("/api/v1/projects").json().get("items").findValuesAsText("id")).contains("alpha");
        assertThat(http.get("/api/v1/projects/alpha").json().get("name").asText()).isEqualTo("Alpha Two");
        assertError(http.get("/api/v1/projects/nope"), 404, "no project");
        assertError(http.put("/api/v1/projects/bad%20id", "{\"name\":\"x\"}"), 400, "malformed project id");
        assertError(http.put("/api/v1/projects/beta", "{\"name\":\"\"}"), 400, "name");
        assertError(http.put("/api/v1/projects/beta", "{\"name\":5}"), 400, "name");
        assertError(http.get("/api/v1/projects/beta"), 404, "no project");
    }
}
