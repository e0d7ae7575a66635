package dev.taskstream.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.RawSse;
import dev.taskstream.server.testing.ServerProcess;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import dev.taskstream.shared.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several engines on one database: exclusive claims, reaping of a killed worker's task, graceful requeue. */
abstract class EngineContract {
    private static final Duration WAIT = Duration.ofSeconds(60);

    abstract TestDatabase.Kind kind();

    static String submit(Http http, String name, String params) {
        Http.Answer a = http.post("/api/v1/tasks", "{\"name\":\"" + name + "\",\"params\":" + params + "}");
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        return a.json().get("task_id").asText();
    }

    static JsonNode task(Http http, String id) {
        return http.get("/api/v1/tasks/" + id).json();
    }

    @Test
    void twoEnginesOnOneDatabaseNeverRunTheSameTask() throws Exception {
        try (TestDatabase db = TestDatabase.create(kind());
             TaskstreamServer a = TestServer.start(db, s -> s.withWorkers(3));
             TaskstreamServer b = TestServer.start(db, s -> s.withWorkers(3))) {
            Http httpA = new Http(a.baseUrl());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ids.add(submit(i % 2 == 0 ? httpA : new Http(b.baseUrl()), "test_steps", "{\"steps\":2}"));
            }
            await().atMost(WAIT).until(() -> httpA.get("/api/v1/tasks?status=completed&limit=1").json()
                    .get("total").asInt() == 60);
            Set<String> workers = new HashSet<>();
            for (String id : ids) {
                List<String> messages = new ArrayList<>();
                try (RawSse sse = RawSse.open(a.baseUrl(), "/api/v1/tasks/" + id + "/stream?last_event_id=0")) {
                    for (RawSse.Block e = sse.nextEvent(); e != null; e = sse.nextEvent()) {
                        messages.add(Json.mapper().readTree(e.data()).get("message").asText());
                    }
                }
                // Claimed exactly once: one "Started", one end, nothing after it.
                assertThat(messages).containsExactly("Queued", "Started", "step 1 of 2", "step 2 of 2", "Completed");
                workers.add(task(httpA, id).get("worker_id").asText());
            }
            assertThat(workers).isSubsetOf(a.nodeId(), b.nodeId());
        }
    }

    /** A burst enqueued in one batch: both engines claim several at a time, and still each task runs once. */
    @Test
    void batchClaimsByTwoEnginesNeverRunATaskTwice() throws Exception {
        try (TestDatabase db = TestDatabase.create(kind());
             TaskstreamServer a = TestServer.start(db, s -> s.withWorkers(4));
             TaskstreamServer b = TestServer.start(db, s -> s.withWorkers(4))) {
            Http http = new Http(a.baseUrl());
            String one = "{\"name\":\"test_steps\",\"project_id\":\"burst\",\"params\":{\"steps\":1}}";
            Http.Answer batch = http.post("/api/v1/tasks/batch",
                    "{\"tasks\":[" + String.join(",", java.util.Collections.nCopies(200, one)) + "]}");
            assertThat(batch.status()).as(batch.body()).isEqualTo(202);
            await().atMost(WAIT).until(() -> http.get("/api/v1/tasks?project_id=burst&status=completed&limit=1")
                    .json().get("total").asInt() == 200);
            for (JsonNode id : batch.json().get("task_ids")) {
                List<String> messages = new ArrayList<>();
                String replay = "/api/v1/tasks/" + id.asText() + "/stream?last_event_id=0";
                try (RawSse sse = RawSse.open(b.baseUrl(), replay)) {
                    for (RawSse.Block e = sse.nextEvent(); e != null; e = sse.nextEvent()) {
                        messages.add(Json.mapper().readTree(e.data()).get("message").asText());
                    }
                }
                assertThat(messages).containsExactly("Queued", "Started", "step 1 of 1", "Completed");
                assertThat(task(http, id.asText()).get("worker_id").asText()).isIn(a.nodeId(), b.nodeId());
            }
        }
    }

    @Test
    void gracefulShutdownRequeuesTheRunningTaskForAnotherProcess() {
        try (TestDatabase db = TestDatabase.create(kind());
             TaskstreamServer survivor = TestServer.start(db, s -> s.withWorkers(0))) {
            TaskstreamServer leaving = TestServer.start(db, s -> s.withWorkers(1));
            Http http = new Http(survivor.baseUrl());
            String id = submit(http, "test_hold", "{\"hold_ms\":3000}");
            await().atMost(WAIT).until(() -> task(http, id).get("status").asText().equals("processing"));
            leaving.close();
            JsonNode requeued = task(http, id);
            assertThat(requeued.get("status").asText()).isEqualTo("pending");
            assertThat(requeued.get("message").asText()).contains("Requeued");
            try (TaskstreamServer taker = TestServer.start(db, s -> s.withWorkers(1))) {
                await().atMost(WAIT).until(() -> task(http, id).get("status").asText().equals("completed"));
                assertThat(task(http, id).get("worker_id").asText()).isEqualTo(taker.nodeId());
            }
        }
    }

    /**
     * SIGTERM stops a server process gracefully: its stream clients are told and disconnected
     * within 5 s, its running task goes back to the queue, and the process exits with code 0.
     */
    @Test
    void sigtermStopsGracefullyWithExitCodeZero(@TempDir Path dir) throws Exception {
        boolean postgres = kind() == TestDatabase.Kind.POSTGRES;
        try (TestDatabase db = postgres ? TestDatabase.create(kind()) : TestDatabase.h2File(dir);
             ServerProcess server = ServerProcess.start(db, 30_000, 1)) {
            Http http = new Http(server.baseUrl());
            String id = submit(http, "test_hold", "{}");
            await().atMost(WAIT).until(() -> task(http, id).get("progress").asInt() == 1);
            try (RawSse watcher = RawSse.open(server.baseUrl(), "/api/v1/tasks/" + id + "/stream")) {
                assertThat(watcher.nextEvent().event()).isEqualTo("progress");
                long start = System.nanoTime();
                server.terminate();
                List<String> comments = new ArrayList<>();
                List<String> events = new ArrayList<>();
                for (RawSse.Block b = watcher.next(); b != null; b = watcher.next()) {
                    comments.addAll(b.comments());
                    if (b.isEvent()) {
                        events.add(Json.mapper().readTree(b.data()).get("message").asText());
                    }
                }
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                assertThat(comments).anyMatch(c -> c.contains("server shutting down"));
            }
            assertThat(server.exitCode(30)).isZero();
            try (TaskstreamServer after = TestServer.start(db, s -> s.withWorkers(0))) {
                JsonNode t = task(new Http(after.baseUrl()), id);
                assertThat(t.get("status").asText()).isEqualTo("pending");
                assertThat(t.get("message").asText()).contains("Requeued");
            }
        }
    }

    /**
     * SIGKILLs the process running a task: the lease runs out and another process fails the task;
     * a watcher attached to that other process receives the terminal event.
     */
    @Test
    void killedWorkersTaskIsReaped(@TempDir Path dir) throws Exception {
        boolean postgres = kind() == TestDatabase.Kind.POSTGRES;
        try (TestDatabase db = postgres ? TestDatabase.create(kind()) : TestDatabase.h2File(dir)) {
            String id;
            ServerProcess doomed = ServerProcess.start(db, 1_500, 1);
            try {
                Http http = new Http(doomed.baseUrl());
                id = submit(http, "test_hold", "{}");
                await().atMost(WAIT).until(() -> task(http, id).get("status").asText().equals("processing"));
                assertThat(task(http, id).get("worker_id").asText()).isEqualTo(doomed.nodeId());
                if (!postgres) {
                    doomed.kill(); // H2 is one process at a time: the survivor starts after the crash
                }
            } finally {
                if (!postgres) {
                    doomed.close();
                }
            }
            try (TaskstreamServer survivor = TestServer.start(db, s -> s.withWorkers(0)
                    .withLease(Duration.ofMillis(1_500)))) {
                try (RawSse watcher = RawSse.open(survivor.baseUrl(), "/api/v1/tasks/" + id + "/stream")) {
                    assertThat(watcher.nextEvent().event()).isEqualTo("progress");
                    doomed.close(); // Postgres: both processes were up; now the worker dies
                    RawSse.Block end = watcher.nextEvent();
                    assertThat(end.event()).isEqualTo("failed");
                    assertThat(Json.mapper().readTree(end.data()).get("error").asText())
                            .contains("stopped renewing its lease");
                }
                Http http = new Http(survivor.baseUrl());
                assertThat(task(http, id).get("status").asText()).isEqualTo("failed");
                Http.Answer retry = http.post("/api/v1/tasks/" + id + "/retry", "");
                assertThat(retry.status()).isEqualTo(202);
                assertThat(UUID.fromString(retry.json().get("task_id").asText())).isNotNull();
            }
        }
    }
}
