package dev.taskstream.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.RawSse;
import dev.taskstream.server.testing.TcpProxy;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The network between a server and Postgres goes down for a few seconds while a task runs and
 * streams are open (Postgres only: an embedded H2 cannot become unreachable).
 */
class DatabaseOutageTest {

    @Test
    void streamsStayOpenReportTheOutageAndLoseNoCommittedEvent() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRES);
             TcpProxy proxy = new TcpProxy(TestDatabase.PG_HOST, Integer.parseInt(TestDatabase.PG_PORT))) {
            String viaProxy = db.url().replace(TestDatabase.PG_HOST + ":" + TestDatabase.PG_PORT,
                    "127.0.0.1:" + proxy.port());
            try (TaskstreamServer server = TestServer.start(db, s -> s.withDb(viaProxy, db.user(), null))) {
                Http http = new Http(server.baseUrl());
                String id = http.post("/api/v1/tasks", "{\"name\":\"test_steps\",\"params\":{\"steps\":40,"
                        + "\"delay_ms\":100}}").json().get("task_id").asText();
                List<String> events = new ArrayList<>();
                List<String> errors = new ArrayList<>();
                try (RawSse watcher = RawSse.open(server.baseUrl(), "/api/v1/tasks/" + id + "/stream?last_event_id=0");
                     RawSse all = RawSse.open(server.baseUrl(), "/api/v1/tasks/stream")) {
                    for (int i = 0; i < 8; i++) {
                        RawSse.Block e = watcher.nextEvent();
                        events.add(e.id() + "|" + e.event() + "|" + e.data());
                    }
                    proxy.cut();
                    long cutAt = System.nanoTime();
                    // Health reports the outage (503, database down) while it lasts, not only the streams.
                    await().atMost(Duration.ofSeconds(10)).until(() -> databaseState(http).equals("down"));
                    Thread.sleep(Math.max(0, 4_000 - (System.nanoTime() - cutAt) / 1_000_000));
                    proxy.restore();
                    for (RawSse.Block e = watcher.nextEvent(); e != null; e = watcher.nextEvent()) {
                        if (e.event().equals("error")) {
                            errors.add(e.data());
                            assertThat(e.id()).isNull();
                        } else {
                            events.add(e.id() + "|" + e.event() + "|" + e.data());
                        }
                    }
                    // The all-tasks stream stayed open through it and heard of the outage too.
                    RawSse.Block b = all.nextEvent();
                    while (!b.event().equals("error")) {
                        b = all.nextEvent();
                    }
                    assertThat(b.data()).contains("database_unavailable");
                }
                assertThat(errors).isNotEmpty().allMatch(d -> d.contains("\"error\":\"database_unavailable\""));
                // Every watcher ends with a terminal event, and nothing committed was lost or repeated.
                assertThat(events.get(events.size() - 1)).containsAnyOf("|completed|", "|failed|");
                List<String> log = new ArrayList<>();
                try (RawSse replay = RawSse.open(server.baseUrl(), "/api/v1/tasks/" + id + "/stream?last_event_id=0")) {
                    for (RawSse.Block e = replay.nextEvent(); e != null; e = replay.nextEvent()) {
                        log.add(e.id() + "|" + e.event() + "|" + e.data());
                    }
                }
                assertThat(events).containsExactlyElementsOf(log);
                await().atMost(Duration.ofSeconds(10)).until(() -> databaseState(http).equals("up"));
            }
        }
    }

    /** The health answer's database state; checks that the status code agrees with it. */
    private static String databaseState(Http http) {
        Http.Answer a = http.get("/api/v1/health");
        String state = a.json().get("database").asText();
        assertThat(a.status()).isEqualTo(state.equals("up") ? 200 : 503);
        return state;
    }
}
