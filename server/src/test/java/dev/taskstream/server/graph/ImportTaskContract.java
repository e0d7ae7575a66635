package dev.taskstream.server.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.Imports;
import dev.taskstream.server.testing.RawSse;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import dev.taskstream.shared.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The import as a task over real HTTP: one writer per project, concurrency without 5xx or stalls, slow
 * and interrupted uploads, cancellation, progress to a watcher. H2 and Postgres (see the subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImportTaskContract {
    private static final HttpClient HEALTH = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private TestDatabase db;
    private TaskstreamServer server;
    private Http http;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void start() {
        db = TestDatabase.create(kind());
        server = TestServer.start(db, s -> s.withWorkers(2).withMaxBodyBytes(64L << 20));
        http = new Http(server.baseUrl());
    }

    @AfterAll
    void stop() {
        pool.shutdownNow();
        TestServer.stop(server, db);
    }

    /**
     * A random graph as import CSV: entities {@code n0..}, then {@code edges} (at most 16 per entity) distinct
     * edges, edge i from entity {@code i / 16} to a random other one with relation {@code R<i % 16>}.
     */
    static String csv(int entities, int edges, long seed) {
        if (entities < 2 || edges > 16L * entities) {
            throw new IllegalArgumentException("at most 16 edges per entity, and at least 2 entities");
        }
        StringBuilder out = new StringBuilder("kind,id,name,type,source,target,relation,weight\n");
        for (int e = 0; e < entities; e++) {
            out.append("entity,n").append(e).append(",Entity ").append(e).append(",thing,,,,\n");
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < edges; i++) {
            int source = (i / 16) % entities;
            int target = (source + 1 + random.nextInt(entities - 1)) % entities;
            double weight = 1 + random.nextInt(5);
            out.append("edge,,,,n").append(source).append(",n").append(target).append(",R").append(i % 16)
                    .append(',').append(weight).append('\n');
        }
        return out.toString();
    }

    /** Both workers busy with test_hold tasks (other projects), so that imports stay pending; returns their ids. */
    List<String> holdWorkers() {
        List<String> holds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Http.Answer a = http.post("/api/v1/tasks", "{\"name\":\"test_hold\",\"project_id\":\"holder" + i + "\"}");
            assertThat(a.status()).as(a.body()).isEqualTo(202);
            holds.add(a.json().get("task_id").asText());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> holds.stream().allMatch(id -> status(id).equals("processing")));
        return holds;
    }

    void release(List<String> holds) {
        holds.forEach(id -> http.post("/api/v1/tasks/" + id + "/cancel", ""));
        holds.forEach(id -> Imports.awaitEnd(http, id));
    }

    String status(String taskId) {
        return http.get("/api/v1/tasks/" + taskId).json().get("status").asText();
    }

    Http.Answer postGraph(String project, String csv) {
        return http.send(HttpRequest.newBuilder(http.uri("/api/v1/projects/" + project + "/graph"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)));
    }

    /** Health answers within 1 s (a generous deadline per request, not a measurement). */
    void assertHealthy() throws Exception {
        HttpResponse<String> r = HEALTH.send(HttpRequest.newBuilder(http.uri("/api/v1/health"))
                .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void oneWriterPerProjectAcrossImportAndRebuild() {
        Imports.run(http, "writer", "text/csv", csv(20, 40, 1));
        JsonNode before = http.get("/api/v1/projects/writer/graph/stats").json();
        List<String> holds = holdWorkers();
        try {
            String first = Imports.start(http, "writer", "text/csv", csv(20, 40, 2));
            Http.Answer second = postGraph("writer", csv(20, 40, 3));
            assertThat(second.status()).as(second.body()).isEqualTo(409);
            assertThat(second.json().get("task_id").asText()).isEqualTo(first);
            Http.Answer rebuild = http.post("/api/v1/projects/writer/communities/rebuild", "");
            assertThat(rebuild.status()).as(rebuild.body()).isEqualTo(409);
            assertThat(rebuild.json().get("task_id").asText()).isEqualTo(first);
            // Another project is not blocked; a new one is created only by its import.
            String other = Imports.start(http, "writer-other", "text/csv", csv(20, 40, 4));
            assertThat(http.get("/api/v1/projects/writer-other").status()).isEqualTo(404);
            // Cancelling the pending import changes nothing.
            http.post("/api/v1/tasks/" + first + "/cancel", "");
            assertThat(Imports.awaitEnd(http, first).get("status").asText()).isEqualTo("cancelled");
            // A rebuild waiting for a worker blocks an import of its project, too.
            String rebuilding = http.post("/api/v1/projects/writer/communities/rebuild", "").json()
                    .get("task_id").asText();
            Http.Answer during = postGraph("writer", csv(20, 40, 5));
            assertThat(during.status()).as(during.body()).isEqualTo(409);
            assertThat(during.json().get("task_id").asText()).isEqualTo(rebuilding);
            release(holds);
            holds = List.of();
            assertThat(Imports.awaitEnd(http, other).get("status").asText()).isEqualTo("completed");
            assertThat(Imports.awaitEnd(http, rebuilding).get("status").asText()).isEqualTo("completed");
            assertThat(http.get("/api/v1/projects/writer/graph/stats").json().get("edges"))
                    .isEqualTo(before.get("edges"));
        } finally {
            release(holds);
        }
    }

    @Test
    void overlappingOppositeOrderImportsNeverStallTheServer() throws Exception {
        int n = 4_000;
        StringBuilder forward = new StringBuilder("kind,id,name,source,target,relation\n");
        StringBuilder backward = new StringBuilder("kind,id,name,source,target,relation\n");
        for (int i = 0; i < n; i++) {
            forward.append("entity,o").append(i).append(",Forward ").append(i).append(",,,\n");
            backward.append("entity,o").append(n - 1 - i).append(",Backward ").append(i).append(",,,\n");
        }
        for (int i = 1; i < n; i++) {
            forward.append("edge,,,o").append(i - 1).append(",o").append(i).append(",NEXT\n");
            backward.append("edge,,,o").append(n - i).append(",o").append(n - 1 - i).append(",NEXT\n");
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Answer>> answers = new ArrayList<>();
        for (String body : List.of(forward.toString(), backward.toString())) {
            answers.add(pool.submit(() -> {
                go.await();
                return postGraph("opposite", body);
            }));
        }
        go.countDown();
        List<String> accepted = new ArrayList<>();
        for (Future<Http.Answer> f : answers) {
            Http.Answer a = f.get();
            assertThat(a.status()).as(a.body()).isIn(202, 409);
            if (a.status() == 202) {
                accepted.add(a.json().get("task_id").asText());
            }
        }
        assertThat(accepted).isNotEmpty();
        // Health answers all the while, until every accepted import ended.
        while (!accepted.stream().allMatch(id -> Set.of("completed", "failed", "cancelled").contains(status(id)))) {
            assertHealthy();
        }
        for (String id : accepted) {
            assertThat(Imports.awaitEnd(http, id).get("status").asText()).isEqualTo("completed");
        }
        JsonNode stats = http.get("/api/v1/projects/opposite/graph/stats").json();
        assertThat(stats.get("entities").asLong()).isEqualTo(n);
        assertThat(stats.get("edges").asLong()).isEqualTo(accepted.size() == 2 ? 2L * (n - 1) : n - 1);
    }

    @Test
    void tricklingUploadsDoNotAffectOtherRequestsAndInterruptedOnesChangeNothing() throws Exception {
        URI base = URI.create(server.baseUrl());
        // Earlier tests' uploads are gone within a sweep (5 s); then every stored upload is one of these.
        await().atMost(Duration.ofSeconds(30)).until(() -> storedUploads() == 0);
        List<Socket> uploads = new ArrayList<>();
        AtomicBoolean trickling = new AtomicBoolean(true);
        try {
            for (int i = 0; i < 8; i++) {
                Socket s = new Socket(base.getHost(), base.getPort());
                OutputStream out = s.getOutputStream();
                out.write(("POST /api/v1/projects/trickle/graph HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                        + "Content-Length: 100000\r\n\r\nkind,id,name\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                uploads.add(s);
            }
            Future<?> trickle = pool.submit((Callable<Void>) () -> {
                int row = 0;
                while (trickling.get()) {
                    for (Socket s : uploads) {
                        s.getOutputStream().write(("entity,t" + row + ",T\n").getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                    }
                    row++;
                    Thread.sleep(100); // the pace of a slow client, not a wait for a condition
                }
                return null;
            });
            // Everything else works meanwhile: reads, writes, an import that needs a worker and the database.
            for (int round = 0; round < 3; round++) {
                assertHealthy();
                assertThat(http.get("/api/v1/projects").status()).isEqualTo(200);
                assertThat(http.put("/api/v1/projects/bystander", "{\"name\":\"Bystander\"}").status()).isIn(200, 201);
                JsonNode done = Imports.run(http, "bystander", "text/csv", csv(30, 60, round));
                assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
            }
            assertThat(trickle.isDone()).as("trickling still going").isFalse();
            assertThat(storedUploads()).as("one stored upload per upload in progress").isEqualTo(8);
        } finally {
            trickling.set(false);
            for (Socket s : uploads) {
                s.close(); // the clients go away mid-upload
            }
        }
        // The interrupted uploads are removed, and created no task and no project.
        await().atMost(Duration.ofSeconds(30)).until(() -> storedUploads() == 0);
        assertThat(http.get("/api/v1/tasks?project_id=trickle").json().get("items")).isEmpty();
        assertThat(http.get("/api/v1/projects/trickle").status()).isEqualTo(404);
    }

    /** Uploads stored in the database (bodies arriving or waiting for their task). */
    long storedUploads() {
        return server.uploads().count();
    }

    @Test
    void eightConcurrentCreatorsOfOneNewProjectGetNo5xx() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Answer>> imports = new ArrayList<>();
        List<Future<Http.Answer>> puts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String body = csv(10, 20, i);
            imports.add(pool.submit(() -> {
                go.await();
                return postGraph("crowd", body);
            }));
            puts.add(pool.submit(() -> {
                go.await();
                return http.put("/api/v1/projects/crowd-put", "{\"name\":\"Crowd\"}");
            }));
        }
        go.countDown();
        List<String> accepted = new ArrayList<>();
        for (Future<Http.Answer> f : imports) {
            Http.Answer a = f.get();
            assertThat(a.status()).as(a.body()).isIn(202, 409);
            if (a.status() == 202) {
                accepted.add(a.json().get("task_id").asText());
            }
        }
        assertThat(accepted).isNotEmpty();
        for (String id : accepted) {
            assertThat(Imports.awaitEnd(http, id).get("status").asText()).isEqualTo("completed");
        }
        int created = 0;
        for (Future<Http.Answer> f : puts) {
            Http.Answer a = f.get();
            assertThat(a.status()).as(a.body()).isIn(200, 201);
            created += a.status() == 201 ? 1 : 0;
        }
        assertThat(created).isEqualTo(1);
        assertThat(http.get("/api/v1/projects/crowd").status()).isEqualTo(200);
    }

    @Test
    void aCancelledRunningImportChangesNothing() {
        Imports.completed(http, "cancel", "{\"entities\":[{\"id\":\"a\",\"name\":\"A\"},{\"id\":\"b\",\"name\":\"B\"}],"
                + "\"edges\":[{\"source\":\"a\",\"target\":\"b\",\"relation\":\"R\"}]}");
        JsonNode before = http.get("/api/v1/projects/cancel/graph/stats").json();
        String id = Imports.start(http, "cancel", "text/csv", csv(20_000, 300_000, 7));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
            JsonNode t = http.get("/api/v1/tasks/" + id).json();
            return t.get("status").asText().equals("processing") && t.get("progress").asInt() > 0;
        });
        http.post("/api/v1/tasks/" + id + "/cancel", "");
        JsonNode ended = Imports.awaitEnd(http, id);
        assertThat(ended.get("status").asText()).as(ended.toString()).isEqualTo("cancelled");
        assertThat(http.get("/api/v1/projects/cancel/graph/stats").json()).isEqualTo(before);
    }

    @Test
    void aWatcherSeesOrderedProgressOfA100kEdgeImport() throws IOException {
        String id = Imports.start(http, "watched", "text/csv", csv(10_000, 100_000, 11));
        List<JsonNode> progress = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        JsonNode end = null;
        try (RawSse sse = RawSse.open(http.base(), "/api/v1/tasks/" + id + "/stream?last_event_id=0")) {
            assertThat(sse.status()).isEqualTo(200);
            for (RawSse.Block e = sse.nextEvent(); e != null; e = sse.nextEvent()) {
                ids.add(Long.parseLong(e.id()));
                JsonNode data = Json.mapper().readTree(e.data());
                if (e.event().equals("progress")) {
                    progress.add(data);
                } else {
                    end = data;
                    break;
                }
            }
        }
        assertThat(end).isNotNull();
        assertThat(end.get("status").asText()).isEqualTo("completed");
        assertThat(end.get("result").get("edges").asLong()).isEqualTo(100_000);
        assertThat(end.get("result").get("edges_created").asLong()).isEqualTo(100_000);
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        List<Integer> percents = progress.stream().map(p -> p.get("progress").asInt()).toList();
        assertThat(percents).isSorted();
        assertThat(progress.stream().map(p -> p.get("message").asText()).filter(m -> m.startsWith("Imported ")))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(progress.stream().map(p -> p.get("message").asText())).anyMatch(m -> m.startsWith("Merging "));
    }
}
