package dev.taskstream.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.RawSse;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two server processes' worth of nodes on one Postgres: the worker runs on A, the watchers are on
 * B, and B learns of A's commits through LISTEN/NOTIFY (Postgres only: H2 is single-process).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossNodeStreamTest {
    private TestDatabase db;
    private TaskstreamServer a;
    private TaskstreamServer b;

    @BeforeAll
    void start() {
        db = TestDatabase.create(TestDatabase.Kind.POSTGRES);
        a = TestServer.start(db, s -> s.withWorkers(2));
        b = TestServer.start(db, s -> s.withWorkers(0).withHeartbeat(Duration.ofMillis(500)));
    }

    @AfterAll
    void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        if (db != null) {
            db.close();
        }
    }

    static List<String> eventsOf(String base, String taskId) throws Exception {
        List<String> events = new ArrayList<>();
        try (RawSse sse = RawSse.open(base, "/api/v1/tasks/" + taskId + "/stream?last_event_id=0")) {
            for (RawSse.Block e = sse.nextEvent(); e != null; e = sse.nextEvent()) {
                events.add(e.id() + "|" + e.event() + "|" + e.data());
            }
        }
        return events;
    }

    @Test
    void watchersOnBSeeEveryEventOfATaskRunOnAInOrder() throws Exception {
        Http httpB = new Http(b.baseUrl());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(httpB.post("/api/v1/tasks", "{\"name\":\"test_steps\",\"params\":{\"steps\":25,\"delay_ms\":15}}")
                    .json().get("task_id").asText());
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<String>>> onB = new ArrayList<>();
            for (String id : ids) {
                for (int w = 0; w < 5; w++) {
                    // Connect without last_event_id: the snapshot, then live events pushed from A.
                    onB.add(pool.submit(() -> {
                        List<String> seen = new ArrayList<>();
                        try (RawSse sse = RawSse.open(b.baseUrl(), "/api/v1/tasks/" + id + "/stream")) {
                            for (RawSse.Block e = sse.nextEvent(); e != null; e = sse.nextEvent()) {
                                seen.add(e.id() + "|" + e.event() + "|" + e.data());
                            }
                        }
                        return seen;
                    }));
                }
            }
            for (int i = 0; i < onB.size(); i++) {
                List<String> seen = onB.get(i).get();
                List<String> log = eventsOf(a.baseUrl(), ids.get(i / 5));
                assertThat(log).hasSize(28);
                assertThat(log).endsWith(seen.toArray(String[]::new)); // a suffix of the log: nothing missing
                assertThat(seen.get(seen.size() - 1)).contains("|completed|");
            }
        }
        for (String id : ids) {
            assertThat(httpB.get("/api/v1/tasks/" + id).json().get("worker_id").asText()).isEqualTo(a.nodeId());
        }
    }

    @Test
    void lostListenConnectionIsRestoredAndTheGapFilled() throws Exception {
        Http httpB = new Http(b.baseUrl());
        String id = httpB.post("/api/v1/tasks", "{\"name\":\"test_steps\",\"params\":{\"steps\":40,\"delay_ms\":50}}")
                .json().get("task_id").asText();
        List<String> seen = new ArrayList<>();
        try (RawSse sse = RawSse.open(b.baseUrl(), "/api/v1/tasks/" + id + "/stream?last_event_id=0")) {
            for (int i = 0; i < 5; i++) {
                RawSse.Block e = sse.nextEvent();
                seen.add(e.id() + "|" + e.event() + "|" + e.data());
            }
            terminateListenConnectionOf(b.nodeId());
            for (RawSse.Block e = sse.nextEvent(); e != null; e = sse.nextEvent()) {
                seen.add(e.id() + "|" + e.event() + "|" + e.data());
            }
        }
        assertThat(seen).containsExactlyElementsOf(eventsOf(a.baseUrl(), id));
    }

    @Test
    void allTasksStreamOnBShowsTasksRunOnA() throws Exception {
        Http httpA = new Http(a.baseUrl());
        try (RawSse sse = RawSse.open(b.baseUrl(), "/api/v1/tasks/stream?project_id=cross")) {
            String id = httpA.post("/api/v1/tasks", "{\"name\":\"test_steps\",\"project_id\":\"cross\","
                    + "\"params\":{\"steps\":3}}").json().get("task_id").asText();
            List<String> events = new ArrayList<>();
            for (RawSse.Block e = sse.nextEvent(); ; e = sse.nextEvent()) {
                assertThat(e.data()).contains(id);
                events.add(e.event());
                if (e.event().equals("completed")) {
                    break;
                }
            }
            assertThat(events).containsExactly("progress", "progress", "progress", "progress", "progress",
                    "completed");
        }
    }

    private static void terminateListenConnectionOf(String nodeId) throws Exception {
        String url = "jdbc:postgresql://" + TestDatabase.PG_HOST + ":" + TestDatabase.PG_PORT + "/"
                + TestDatabase.PG_DB;
        try (Connection c = DriverManager.getConnection(url, TestDatabase.PG_USER, null);
             Statement st = c.createStatement()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (ResultSet rs = st.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE application_name = 'taskstream-listen " + nodeId + "'")) {
                    return rs.next() && rs.getBoolean(1);
                }
            });
        }
    }
}
