package dev.taskstream.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.ServerFixture;
import dev.taskstream.server.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The defects an outside probe found in the task API (issue 13), each pinned over real HTTP: params
 * bounded while the body is read, read only by claims and copied by the database on a retry; a task
 * retried once however many ask at the same time; a retry storm on an exclusive task never a 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TaskRobustnessContract {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PARAMS_LIMIT = 64 * 1024;

    @RegisterExtension
    final ServerFixture app = new ServerFixture(this::kind, s -> s.withWorkers(4).withMaxParamsBytes(PARAMS_LIMIT));

    abstract TestDatabase.Kind kind();

    private Jdbi jdbi() {
        return app.server().database().jdbi();
    }

    private String submit(String name, String projectId, String params) {
        Http.Answer a = app.http().post("/api/v1/tasks", submitBody(name, projectId, params));
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        return a.json().get("task_id").asText();
    }

    private static String submitBody(String name, String projectId, String params) {
        return "{\"name\":\"" + name + "\"" + (projectId == null ? "" : ",\"project_id\":\"" + projectId + "\"")
                + (params == null ? "" : ",\"params\":" + params) + "}";
    }

    private JsonNode task(String id) {
        return app.http().get("/api/v1/tasks/" + id).json();
    }

    private JsonNode awaitEnded(String id) {
        await().atMost(WAIT).until(() -> Set.of("completed", "failed", "cancelled")
                .contains(task(id).get("status").asText()));
        return task(id);
    }

    private long taskCount() {
        return app.http().get("/api/v1/tasks?limit=1").json().get("total").asLong();
    }

    private static String paramsOfSize(int bytes) {
        String prefix = "{\"blob\":\"";
        return prefix + "x".repeat(bytes - prefix.length() - 2) + "\"}";
    }

    private static void assertTooLarge(Http.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(413);
        assertThat(a.json().get("error").asText()).isEqualTo("payload_too_large");
        assertThat(a.json().get("detail").asText()).contains("limit of " + PARAMS_LIMIT + " bytes")
                .contains("--max-params-bytes");
    }

    // ---- memory: params ----------------------------------------------------------------------

    @Test
    void paramsBeyondTheLimitAreRefusedWith413AlsoWhenChunked() {
        long before = taskCount();
        String over = submitBody("test_steps", null, paramsOfSize(PARAMS_LIMIT + 1));
        assertTooLarge(app.http().post("/api/v1/tasks", over));
        String farOver = submitBody("test_steps", null, paramsOfSize(4 * PARAMS_LIMIT + 4096));
        byte[] bytes = farOver.getBytes(StandardCharsets.UTF_8);
        // No Content-Length: the body arrives chunked and is counted while it is read.
        Http.Answer chunked = app.http().send(HttpRequest.newBuilder(app.http().uri("/api/v1/tasks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
        assertTooLarge(chunked);
        assertThat(taskCount()).isEqualTo(before);

        String atLimit = submit("test_steps", null, paramsOfSize(PARAMS_LIMIT));
        assertThat(awaitEnded(atLimit).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void viewsListsSnapshotsAndStateChangesNeverReadParams() {
        String id = submit("test_hold", "no-params-read", paramsOfSize(PARAMS_LIMIT));
        UUID uuid = UUID.fromString(id);
        try {
            String stored = jdbi().withHandle(h -> h.createQuery("SELECT params FROM tasks WHERE id = :id")
                    .bind("id", uuid).mapTo(String.class).one());
            assertThat(stored).hasSize(PARAMS_LIMIT);
            jdbi().useTransaction(h -> {
                TaskDao dao = h.attach(TaskDao.class);
                TaskQueryDao queries = h.attach(TaskQueryDao.class);
                assertThat(queries.find(uuid).orElseThrow().params()).as("find").isNull();
                assertThat(dao.lock(uuid).orElseThrow().params()).as("lock (state changes)").isNull();
                TaskFilter filter = new TaskFilter(null, null, "no-params-read");
                assertThat(queries.list(TaskQueryDao.where(filter), filter, 10, 0)).as("list").singleElement()
                        .extracting(TaskRow::params).isNull();
                assertThat(queries.activeAndRecent(TaskQueryDao.inProject("no-params-read"), "no-params-read",
                        Instant.EPOCH, 10)).as("stream snapshot").singleElement().extracting(TaskRow::params).isNull();
            });
        } finally {
            app.http().post("/api/v1/tasks/" + id + "/cancel", "");
            awaitEnded(id);
        }
    }

    @Test
    void retryCopiesParamsInsideTheDatabaseWithoutParsingThem() {
        String id = submit("test_fail", "copy", "{\"x\":1}");
        awaitEnded(id);
        // Text a parse and re-serialise would change: the copy must be byte for byte the stored text.
        String stored = "{ \"x\" : 1,  \"kept\" : \"as stored\" }";
        jdbi().useHandle(h -> h.createUpdate("UPDATE tasks SET params = :p WHERE id = :id")
                .bind("p", stored).bind("id", UUID.fromString(id)).execute());
        Http.Answer a = app.http().post("/api/v1/tasks/" + id + "/retry", "");
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        UUID retry = UUID.fromString(a.json().get("task_id").asText());
        String copied = jdbi().withHandle(h -> h.createQuery("SELECT params FROM tasks WHERE id = :id")
                .bind("id", retry).mapTo(String.class).one());
        assertThat(copied).isEqualTo(stored);
        assertThat(awaitEnded(retry.toString()).get("attempt").asInt()).isEqualTo(2);
    }

    // ---- races: retry once ---------------------------------------------------------------------

    @Test
    void aTaskIsRetriedOnceAndTheChainIsOnBothTasks() {
        String id = submit("test_fail", "chain", null);
        awaitEnded(id);
        Http.Answer first = app.http().post("/api/v1/tasks/" + id + "/retry", "");
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        String retry = first.json().get("task_id").asText();

        Http.Answer again = app.http().post("/api/v1/tasks/" + id + "/retry", "");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("task_already_retried");
        assertThat(again.json().get("task_id").asText()).isEqualTo(retry);
        assertThat(again.json().get("detail").asText()).contains(retry);
        assertThat(again.json().fieldNames()).toIterable().as("an ErrorBody naming the retry, nothing else")
                .containsExactlyInAnyOrder("error", "detail", "code", "task_id");

        JsonNode old = task(id);
        assertThat(old.get("retried_by").asText()).isEqualTo(retry);
        assertThat(old.get("retry_of").isNull()).isTrue();
        JsonNode next = awaitEnded(retry);
        assertThat(next.get("retry_of").asText()).isEqualTo(id);
        assertThat(next.get("retried_by").isNull()).isTrue();
        assertThat(next.get("attempt").asInt()).isEqualTo(2);
        // The retry failed too: it may be retried once in turn.
        Http.Answer third = app.http().post("/api/v1/tasks/" + retry + "/retry", "");
        assertThat(third.status()).as(third.body()).isEqualTo(202);
        assertThat(awaitEnded(third.json().get("task_id").asText()).get("attempt").asInt()).isEqualTo(3);
    }

    @Test
    void hundredConcurrentRetriesMakeOneRetry() throws Exception {
        String id = submit("test_fail", "storm-once", null);
        awaitEnded(id);
        List<Http.Answer> answers = concurrently(100, i -> app.http().post("/api/v1/tasks/" + id + "/retry", ""));
        List<Http.Answer> accepted = answers.stream().filter(a -> a.status() == 202).toList();
        assertThat(accepted).as(statuses(answers).toString()).hasSize(1);
        String retry = accepted.get(0).json().get("task_id").asText();
        for (Http.Answer a : answers) {
            if (a.status() != 202) {
                assertThat(a.status()).as(a.body()).isEqualTo(409);
                assertThat(a.json().get("task_id").asText()).isEqualTo(retry);
            }
        }
        long retries = jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM tasks WHERE retry_of = :id")
                .bind("id", UUID.fromString(id)).mapTo(Long.class).one());
        assertThat(retries).isEqualTo(1);
        awaitEnded(retry);
    }

    @Test
    void retryStormOnAnExclusiveTaskIsNever500() throws Exception {
        String project = "storm-exclusive";
        List<String> cancelled = new ArrayList<>();
        while (cancelled.size() < 20) {
            // Short holds: retries end on their own while other retries try to take the project.
            Http.Answer a = app.http().post("/api/v1/tasks", submitBody("test_hold", project, "{\"hold_ms\":5}"));
            if (a.status() != 202) {
                continue; // the previous one is still ending
            }
            String id = a.json().get("task_id").asText();
            app.http().post("/api/v1/tasks/" + id + "/cancel", "");
            if (awaitEnded(id).get("status").asText().equals("cancelled")) {
                cancelled.add(id);
            }
        }
        AtomicBoolean storming = new AtomicBoolean(true);
        Thread canceller = Thread.ofVirtual().start(() -> {
            while (storming.get()) {
                app.http().get("/api/v1/tasks?project_id=" + project + "&status=processing").json().get("items")
                        .forEach(t -> app.http().post("/api/v1/tasks/" + t.get("id").asText() + "/cancel", ""));
            }
        });
        List<Http.Answer> answers;
        try {
            answers = concurrently(100, i -> app.http().post("/api/v1/tasks/" + cancelled.get(i % 20) + "/retry", ""));
        } finally {
            storming.set(false);
            canceller.join();
        }
        assertThat(statuses(answers).keySet()).as(statuses(answers).toString()).isSubsetOf(202, 409);
        for (Http.Answer a : answers) {
            if (a.status() == 409) {
                assertThat(a.json().get("code").asText()).isIn("task_already_running", "task_already_retried");
                assertThat(a.json().get("task_id").asText()).isNotBlank();
            }
        }
        await().atMost(WAIT).until(() -> app.http().get("/api/v1/tasks?project_id=" + project + "&status=processing")
                .json().get("total").asLong() == 0
                && app.http().get("/api/v1/tasks?project_id=" + project + "&status=pending").json().get("total")
                        .asLong() == 0);
    }

    private static Map<Integer, Integer> statuses(List<Http.Answer> answers) {
        Map<Integer, Integer> counts = new TreeMap<>();
        answers.forEach(a -> counts.merge(a.status(), 1, Integer::sum));
        return counts;
    }

    /** Runs {@code n} calls at once (released together by a latch) and returns their answers. */
    private static List<Http.Answer> concurrently(int n, java.util.function.IntFunction<Http.Answer> call)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Map<Integer, Http.Answer> answers = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    answers.put(index, call.apply(index));
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        }
        return List.copyOf(answers.values());
    }
}
