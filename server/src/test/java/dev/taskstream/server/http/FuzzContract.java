package dev.taskstream.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.testing.FuzzRequests;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.Imports;
import dev.taskstream.server.testing.LogCapture;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Random and boundary input to every endpoint, sent as raw bytes (so invalid UTF-8 and broken
 * syntax reach the server as they are): never a 5xx, never a stack trace in a body or an ERROR (or a WARN
 * with a stack trace) in the log, and a rejected request leaves the database exactly as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FuzzContract {
    private static final int CASES = 2_500;

    private TestDatabase db;
    private TaskstreamServer server;
    private FuzzRequests fuzz;
    private final List<String> taskIds = new ArrayList<>();
    private final List<String> communityIds = new ArrayList<>();

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void start() {
        db = TestDatabase.create(kind());
        try (TaskstreamServer setup = TestServer.start(db)) {
            createTasksAndCommunities(new Http(setup.baseUrl()));
        }
        // No workers: nothing changes the database in the background, so a snapshot taken before a
        // request and one taken after it differ only by what that request did.
        server = TestServer.start(db, s -> s.withWorkers(0));
        fuzz = new FuzzRequests(URI.create(server.baseUrl()), taskIds, communityIds);
    }

    private void createTasksAndCommunities(Http http) {
        Imports.completed(http, "fz", "{\"entities\":[{\"id\":\"a\",\"name\":\"A\"},{\"id\":\"b\",\"name\":\"B\"}],"
                + "\"edges\":[{\"source\":\"a\",\"target\":\"b\",\"relation\":\"KNOWS\"}]}");
        String rebuild = http.post("/api/v1/projects/fz/communities/rebuild", "").json().get("task_id").asText();
        taskIds.add(rebuild);
        taskIds.add(http.post("/api/v1/tasks", "{\"name\":\"test_fail\"}").json().get("task_id").asText());
        await().atMost(Duration.ofSeconds(60)).until(() -> taskIds.stream().allMatch(id ->
                List.of("completed", "failed").contains(http.get("/api/v1/tasks/" + id).json().get("status").asText())));
        http.get("/api/v1/projects/fz/communities").json().get("items")
                .forEach(c -> communityIds.add(c.get("id").asText()));
    }

    @AfterAll
    void stop() {
        server.close();
        db.close();
    }

    /** Row counts of every table a request could change. */
    Map<String, Long> snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        server.database().jdbi().useHandle(h -> {
            for (String table : List.of("projects", "tasks", "task_events", "graph_entities", "graph_edges",
                    "communities", "community_members")) {
                counts.put(table, h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
            }
            counts.put("project_names", (long) h.createQuery("SELECT name FROM projects").mapTo(String.class)
                    .list().hashCode());
        });
        return counts;
    }

    @Test
    void randomAndBoundaryInputNeverBreaksTheServer() throws IOException {
        Random random = new Random(20261125L + kind().ordinal());
        Map<Integer, Integer> statuses = new TreeMap<>();
        LogCapture log = LogCapture.start();
        try (log) {
            fuzzCases(random, statuses);
        }
        // No client input is a server error: nothing logged at ERROR, no WARN with a stack trace.
        assertThat(log.errorsAndWarningsWithTraces()).as("server log under fuzzing").isEmpty();
        System.out.printf("fuzz (%s): %d cases, statuses %s%n", kind(), CASES, statuses);
        assertThat(statuses.keySet().stream().filter(s -> s >= 400).count()).isGreaterThan(3);
    }

    private void fuzzCases(Random random, Map<Integer, Integer> statuses) throws IOException {
        for (int i = 0; i < CASES; i++) {
            byte[] request = fuzz.randomRequest(random);
            Map<String, Long> before = snapshot();
            FuzzRequests.Answer a = fuzz.send(request);
            statuses.merge(a.status(), 1, Integer::sum);
            String shown = new String(request, StandardCharsets.ISO_8859_1);
            shown = shown.substring(0, Math.min(300, shown.length()));
            assertThat(a.status()).as("case %d: %s -> %s", i, shown, a.body()).isBetween(200, 499);
            assertThat(a.body()).as(shown).doesNotContain("\tat ");
            if (a.status() >= 400) {
                assertThat(a.body()).as(shown).doesNotContain("Exception").doesNotContain("org.h2")
                        .doesNotContain("org.postgresql").doesNotContain("SQL");
                assertThat(a.contentType()).as(shown).startsWith("application/json");
                assertThat(snapshot()).as("database changed by rejected request " + shown).isEqualTo(before);
            }
        }
    }
}
