package dev.taskstream.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.RawSse;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import dev.taskstream.shared.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The SSE contract of DESIGN.md, checked on raw bytes; runs on H2 and on Postgres. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StreamContract {
    private static final Duration WAIT = Duration.ofSeconds(60);

    TestDatabase db;
    TaskstreamServer server;
    Http http;

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void start() {
        db = TestDatabase.create(kind());
        server = TestServer.start(db, s -> s.withWorkers(2).withHeartbeat(Duration.ofMillis(300)));
        http = new Http(server.baseUrl());
    }

    @AfterAll
    void stop() {
        TestServer.stop(server, db);
    }

    String submit(String name, String params) {
        Http.Answer a = http.post("/api/v1/tasks", "{\"name\":\"" + name + "\",\"params\":" + params + "}");
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        return a.json().get("task_id").asText();
    }

    String awaitEnd(String id) {
        await().atMost(WAIT).until(() -> !List.of("pending", "processing")
                .contains(http.get("/api/v1/tasks/" + id).json().get("status").asText()));
        return http.get("/api/v1/tasks/" + id).json().get("status").asText();
    }

    static JsonNode json(String data) throws IOException {
        return Json.mapper().readTree(data);
    }

    /** Reads events until the server ends the response; checks ids are consecutive. */
    static List<RawSse.Block> readAll(RawSse sse) throws IOException {
        List<RawSse.Block> events = new ArrayList<>();
        for (RawSse.Block b = sse.nextEvent(); b != null; b = sse.nextEvent()) {
            events.add(b);
        }
        return events;
    }

    // ---- the response -----------------------------------------------------------------------

    @Test
    void plainClientWithoutAcceptHeaderGetsTheWholeStream() throws IOException {
        String id = submit("test_steps", "{\"steps\":4,\"delay_ms\":20}");
        try (RawSse sse = RawSse.open(http.base(), "/api/v1/tasks/" + id + "/stream")) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.header("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
            assertThat(sse.header("Cache-Control")).isEqualTo("no-store");
            assertThat(sse.header("X-Accel-Buffering")).isEqualTo("no");
            RawSse.Block first = sse.next();
            assertThat(first.retry()).isEqualTo("2000");
            assertThat(first.isEvent()).isFalse();
            List<RawSse.Block> events = readAll(sse);
            assertThat(sse.rawSoFar()).startsWith("retry: 2000\n\n");

            RawSse.Block last = events.get(events.size() - 1);
            assertThat(last.event()).isEqualTo("completed");
            JsonNode done = json(last.data());
            assertThat(done.get("status").asText()).isEqualTo("completed");
            assertThat(done.get("progress").asInt()).isEqualTo(100);
            assertThat(done.get("result").get("steps").asInt()).isEqualTo(4);
            assertThat(done.has("created_at")).isTrue();
            assertThat(done.has("attempt")).isTrue();

            long previous = Long.parseLong(events.get(0).id()) - 1;
            for (RawSse.Block e : events) {
                assertThat(Long.parseLong(e.id())).isEqualTo(previous + 1);
                previous = Long.parseLong(e.id());
                assertThat(e.data()).doesNotContain("\n");
            }
            for (RawSse.Block e : events.subList(0, events.size() - 1)) {
                assertThat(e.event()).isEqualTo("progress");
                JsonNode p = json(e.data());
                assertThat(p.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "name", "status", "progress",
                        "message", "result", "error", "updated_at");
                assertThat(p.get("id").asText()).isEqualTo(id);
            }
        }
    }

    @Test
    void everyStepIsDeliveredInOrderFromTheStart() throws IOException {
        String id = submit("test_hold", "{\"hold_ms\":0}");
        awaitEnd(id);
        String steps = submit("test_steps", "{\"steps\":10,\"delay_ms\":10}");
        try (RawSse sse = RawSse.open(http.base(), "/api/v1/tasks/" + steps + "/stream?last_event_id=0")) {
            List<RawSse.Block> events = readAll(sse);
            List<String> messages = new ArrayList<>();
            for (RawSse.Block e : events) {
                messages.add(json(e.data()).get("message").asText());
            }
            List<String> expected = new ArrayList<>(List.of("Queued", "Started"));
            for (int i = 1; i <= 10; i++) {
                expected.add("step " + i + " of 10");
            }
            expected.add("Completed");
            assertThat(messages).containsExactlyElementsOf(expected);
            assertThat(events.get(0).id()).isEqualTo("1");
        }
    }

    @Test
    void connectingToAnEndedTaskSendsOnlyTheTerminalEvent() throws IOException {
        String id = submit("test_fail", "{}");
        assertThat(awaitEnd(id)).isEqualTo("failed");
        try (RawSse sse = RawSse.open(http.base(), "/api/v1/tasks/" + id + "/stream", "Accept: text/event-stream")) {
            List<RawSse.Block> events = readAll(sse);
            assertThat(events).hasSize(1);
            assertThat(events.get(0).event()).isEqualTo("failed");
            assertThat(json(events.get(0).data()).get("error").asText()).isEqualTo("boom");
        }
    }

    @Test
    void connectingToARunningTaskSendsItsCurrentStateThenLiveEvents() throws IOException {
        String id = submit("test_hold", "{}");
        await().atMost(WAIT).until(() -> http.get("/api/v1/tasks/" + id).json().get("progress").asInt() == 1);
        try (RawSse sse = RawSse.open(http.base(), "/api/v1/tasks/" + id + "/stream")) {
            RawSse.Block snapshot = sse.nextEvent();
            assertThat(snapshot.event()).isEqualTo("progress");
            assertThat(json(snapshot.data()).get("message").asText()).isEqualTo("holding");
            assertThat(json(snapshot.data()).get("status").asText()).isEqualTo("processing");
            http.post("/api/v1/tasks/" + id + "/cancel", "");
            RawSse.Block cancelling = sse.nextEvent();
            assertThat(json(cancelling.data()).get("message").asText()).isEqualTo("Cancelling...");
            assertThat(Long.parseLong(cancelling.id())).isEqualTo(Long.parseLong(snapshot.id()) + 1);
            RawSse.Block end = sse.nextEvent();
            assertThat(end.event()).isEqualTo("cancelled");
            assertThat(sse.nextEvent()).isNull(); // the server ended the response
        }
    }

    @Test
    void idleStreamGetsHeartbeatComments() throws IOException {
        String id = submit("test_hold", "{}");
        try (RawSse sse = RawSse.open(http.base(), "/api/v1/tasks/" + id + "/stream")) {
            int pings = 0;
            while (pings < 2) {
                RawSse.Block b = sse.next();
                if (b.comments().contains("ping")) {
                    pings++;
                }
            }
        } finally {
            http.post("/api/v1/tasks/" + id + "/cancel", "");
        }
    }

    // ---- replay -----------------------------------------------------------------------------

    @Test
    void lastEventIdReplaysEverythingAfterIt() throws IOException {
        String id = submit("test_steps", "{\"steps\":6}");
        awaitEnd(id);
        List<RawSse.Block> all;
        try (RawSse sse = RawSse.open(http.base(), "/api/v1/tasks/" + id + "/stream?last_event_id=0")) {
            all = readAll(sse);
        }
        assertThat(all).hasSize(9);
        try (RawSse sse = RawSse.open(http.base(), "/api/v1/tasks/" + id + "/stream", "Last-Event-ID: 4")) {
            List<RawSse.Block> rest = readAll(sse);
            assertThat(rest).extracting(RawSse.Block::id).containsExactly("5", "6", "7", "8", "9");
            assertThat(rest).extracting(RawSse.Block::data)
                    .containsExactlyElementsOf(all.subList(4, 9).stream().map(RawSse.Block::data).toList());
        }
        // The header wins over the query parameter (a browser reconnect carries both).
        try (RawSse sse = RawSse.open(http.base(), "/api/v1/tasks/" + id + "/stream?last_event_id=1",
                "Last-Event-ID: 7")) {
            assertThat(readAll(sse)).extracting(RawSse.Block::id).containsExactly("8", "9");
        }
    }

    @Test
    void reconnectAtOrPastTheEndIs204() throws IOException {
        String id = submit("test_steps", "{\"steps\":1}");
        awaitEnd(id);
        for (String last : List.of("4", "5", "1000")) {
            try (RawSse sse = RawSse.open(http.base(), "/api/v1/tasks/" + id + "/stream", "Last-Event-ID: " + last)) {
                assertThat(sse.status()).as("Last-Event-ID " + last).isEqualTo(204);
            }
        }
    }

    @Test
    void unknownTaskIs404JsonAndMalformedIdsAre400() throws IOException {
        try (RawSse sse = RawSse.open(http.base(), "/api/v1/tasks/" + UUID.randomUUID() + "/stream")) {
            assertThat(sse.status()).isEqualTo(404);
            assertThat(sse.header("Content-Type")).startsWith("application/json");
            assertThat(json(sse.readToEnd()).get("error").asText()).isEqualTo("not_found");
        }
        try (RawSse sse = RawSse.open(http.base(), "/api/v1/tasks/not-a-task/stream")) {
            assertThat(sse.status()).isEqualTo(400);
            assertThat(json(sse.readToEnd()).get("detail").asText()).contains("malformed id");
        }
        String id = submit("test_steps", "{\"steps\":1}");
        for (String garbage : List.of("abc", "-5", "1e3", "99999999999999999999999")) {
            try (RawSse sse = RawSse.open(http.base(), "/api/v1/tasks/" + id + "/stream",
                    "Last-Event-ID: " + garbage)) {
                assertThat(sse.status()).as(garbage).isEqualTo(400);
                assertThat(json(sse.readToEnd()).get("detail").asText()).contains("Last-Event-ID");
            }
        }
    }

    /**
     * Drops the connection at random points while a task runs, reconnecting with the last id
     * received each time: the joined events equal the event log exactly.
     */
    @Test
    void randomDisconnectsLoseAndRepeatNothing() throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < 3; round++) {
            String id = submit("test_steps", "{\"steps\":40,\"delay_ms\":5}");
            List<RawSse.Block> joined = new ArrayList<>();
            String lastId = null;
            boolean ended = false;
            int reconnects = 0;
            while (!ended) {
                String[] headers = lastId == null ? new String[0] : new String[] {"Last-Event-ID: " + lastId};
                try (RawSse sse = RawSse.open(http.base(), "/api/v1/tasks/" + id + "/stream?last_event_id=0",
                        headers)) {
                    if (sse.status() == 204) {
                        break;
                    }
                    int take = 1 + random.nextInt(6);
                    for (int i = 0; i < take; i++) {
                        RawSse.Block e = sse.nextEvent();
                        if (e == null) {
                            ended = true;
                            break;
                        }
                        joined.add(e);
                        lastId = e.id();
                    }
                }
                reconnects++;
            }
            List<String> log = new ArrayList<>();
            try (RawSse sse = RawSse.open(http.base(), "/api/v1/tasks/" + id + "/stream?last_event_id=0")) {
                readAll(sse).forEach(b -> log.add(b.id() + "|" + b.event() + "|" + b.data()));
            }
            assertThat(reconnects).isGreaterThan(3);
            assertThat(joined.stream().map(b -> b.id() + "|" + b.event() + "|" + b.data()).toList())
                    .containsExactlyElementsOf(log);
        }
    }

    // ---- many clients -----------------------------------------------------------------------

    @Test
    void manyWatchersAllReceiveEveryEvent() throws Exception {
        int watchers = 500;
        String id = submit("test_hold", "{\"hold_ms\":0}");
        awaitEnd(id);
        String task = submit("test_steps", "{\"steps\":20,\"delay_ms\":400}");
        List<RawSse> streams = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < watchers; i++) {
                streams.add(RawSse.open(http.base(), "/api/v1/tasks/" + task + "/stream?last_event_id=0"));
            }
            List<Future<List<String>>> received = new ArrayList<>();
            for (RawSse s : streams) {
                received.add(pool.submit(() -> readAll(s).stream().map(RawSse.Block::id).toList()));
            }
            List<String> expected = null;
            for (Future<List<String>> f : received) {
                List<String> ids = f.get();
                if (expected == null) {
                    expected = ids;
                    assertThat(expected).hasSize(23);
                }
                assertThat(ids).containsExactlyElementsOf(expected);
            }
        } finally {
            for (RawSse s : streams) {
                s.close();
            }
        }
        await().atMost(WAIT).until(() -> server.metrics().streamsOpen() == 0);
    }

    @Test
    void openStreamsGaugeReturnsToZeroWhenClientsLeave() throws IOException {
        String id = submit("test_hold", "{}");
        List<RawSse> streams = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RawSse s = RawSse.open(http.base(), "/api/v1/tasks/" + id + "/stream");
            s.nextEvent();
            streams.add(s);
        }
        assertThat(server.metrics().streamsOpen()).isGreaterThanOrEqualTo(20);
        for (RawSse s : streams) {
            s.close(); // the server notices at its next heartbeat write
        }
        await().atMost(WAIT).until(() -> server.metrics().streamsOpen() == 0);
        http.post("/api/v1/tasks/" + id + "/cancel", "");
    }

    /**
     * A client that stops reading is cut off once its buffer is full, and never holds up the
     * others: a normal watcher of the same task receives every event.
     */
    @Test
    void clientThatStopsReadingIsDroppedWithoutDelayingOthers() throws Exception {
        String id = submit("test_hold", "{\"hold_ms\":0}");
        awaitEnd(id);
        // 4,000 events of 2 KB, 1 ms apart: far more than the socket buffers and the 1,024-event buffer
        // between the server and a stalled client, while a reader that keeps up is never that far behind.
        String task = submit("test_steps", "{\"steps\":4000,\"pad\":1900,\"delay_ms\":1}");
        java.net.URI uri = java.net.URI.create(http.base());
        try (java.net.Socket stalled = new java.net.Socket()) {
            stalled.setReceiveBufferSize(2048);
            stalled.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()));
            stalled.getOutputStream().write(("GET /api/v1/tasks/" + task + "/stream?last_event_id=0 HTTP/1.1\r\n"
                    + "Host: x\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            try (RawSse reader = RawSse.open(http.base(), "/api/v1/tasks/" + task + "/stream?last_event_id=0")) {
                List<RawSse.Block> all = readAll(reader);
                assertThat(all).hasSize(4003);
                assertThat(all.get(all.size() - 1).event()).isEqualTo("completed");
            }
            await().atMost(WAIT).until(() -> http.get("/metrics").body()
                    .matches("(?s).*taskstream_streams_dropped_total [1-9].*"));
        }
        await().atMost(WAIT).until(() -> server.metrics().streamsOpen() == 0);
    }

    // ---- all tasks --------------------------------------------------------------------------

    @Test
    void allTasksStreamSendsSnapshotThenChangesOfItsProject() throws IOException {
        String before = http.post("/api/v1/tasks", "{\"name\":\"test_steps\",\"project_id\":\"watched\","
                + "\"params\":{\"steps\":1}}").json().get("task_id").asText();
        awaitEnd(before);
        try (RawSse sse = RawSse.open(http.base(), "/api/v1/tasks/stream?project_id=watched")) {
            assertThat(sse.header("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
            RawSse.Block snapshot = sse.nextEvent();
            assertThat(snapshot.event()).isEqualTo("completed");
            assertThat(snapshot.id()).isNull();
            assertThat(json(snapshot.data()).get("id").asText()).isEqualTo(before);

            submit("test_steps", "{\"steps\":1}"); // another project: not shown
            String live = http.post("/api/v1/tasks", "{\"name\":\"test_steps\",\"project_id\":\"watched\","
                    + "\"params\":{\"steps\":2}}").json().get("task_id").asText();
            List<String> seen = new ArrayList<>();
            while (true) {
                RawSse.Block e = sse.nextEvent();
                JsonNode data = json(e.data());
                assertThat(data.get("id").asText()).isEqualTo(live);
                seen.add(e.event() + ":" + data.get("message").asText());
                if (e.event().equals("completed")) {
                    break;
                }
            }
            assertThat(seen).containsExactly("progress:Queued", "progress:Started", "progress:step 1 of 2",
                    "progress:step 2 of 2", "completed:Completed");
        }
    }

    @Test
    void allTasksStreamRejectsBadProjectIds() throws IOException {
        try (RawSse sse = RawSse.open(http.base(), "/api/v1/tasks/stream?project_id=bad%20id")) {
            assertThat(sse.status()).isEqualTo(400);
        }
        try (RawSse sse = RawSse.open(http.base(), "/api/v1/tasks/stream?colour=red")) {
            assertThat(sse.status()).isEqualTo(400);
        }
    }
}
