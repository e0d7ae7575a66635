package dev.taskstream.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.RawSse;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import dev.taskstream.shared.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stream limits per client address and in total (HTTP-level; the database plays no part). */
class StreamLimitsTest {

    @Test
    void streamsBeyondTheLimitsAreRefusedWith503AndRetryAfter() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2);
             TaskstreamServer server = TestServer.start(db, s -> s.withStreamLimits(3, 5)
                     .withHeartbeat(Duration.ofMillis(200)))) {
            String id = new Http(server.baseUrl()).post("/api/v1/tasks", "{\"name\":\"test_hold\"}").json()
                    .get("task_id").asText();
            String path = "/api/v1/tasks/" + id + "/stream";
            List<RawSse> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    open.add(ok(RawSse.openFrom("127.0.0.1", server.baseUrl(), path)));
                }
                try (RawSse refused = RawSse.openFrom("127.0.0.1", server.baseUrl(), path)) {
                    assertRefused(refused, "the limit per client address");
                }
                // Another client address still gets streams, up to the total.
                open.add(ok(RawSse.openFrom("127.0.0.2", server.baseUrl(), "/api/v1/tasks/stream")));
                open.add(ok(RawSse.openFrom("127.0.0.2", server.baseUrl(), path)));
                try (RawSse refused = RawSse.openFrom("127.0.0.3", server.baseUrl(), path)) {
                    assertRefused(refused, "streams open, its limit");
                }
                // A slot comes back when a client leaves.
                open.remove(0).close();
                await().atMost(Duration.ofSeconds(30)).until(() -> server.metrics().streamsOpen() == 4);
                open.add(ok(RawSse.openFrom("127.0.0.1", server.baseUrl(), path)));
            } finally {
                for (RawSse s : open) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aClosedStreamFreesItsSlotAtOnceNotAtTheNextHeartbeat() throws Exception {
        // One stream per client and a 15 s heartbeat: only seeing the connection close can free the slot in time.
        Duration heartbeat = Duration.ofSeconds(15);
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2);
             TaskstreamServer server = TestServer.start(db, s -> s.withStreamLimits(1, 0).withHeartbeat(heartbeat))) {
            String id = new Http(server.baseUrl()).post("/api/v1/tasks", "{\"name\":\"test_hold\"}").json()
                    .get("task_id").asText();
            String path = "/api/v1/tasks/" + id + "/stream";
            // Opened and closed in a loop, as the probe did (4 streams: 29,614 answers 503 in 15 s): never refused.
            for (int i = 0; i < 20; i++) {
                RawSse sse = ok(RawSse.openFrom("127.0.0.1", server.baseUrl(), path));
                assertThat(sse.header("Connection")).isEqualTo("close");
                sse.closeCleanly();
                await("slot freed after clean close " + i).atMost(Duration.ofSeconds(1))
                        .pollInterval(Duration.ofMillis(10)).until(() -> server.metrics().streamsOpen() == 0);
            }
            // A reset is seen as soon (the issue asks for within a heartbeat).
            RawSse sse = ok(RawSse.openFrom("127.0.0.1", server.baseUrl(), path));
            sse.reset();
            await("slot freed after reset").atMost(heartbeat).pollInterval(Duration.ofMillis(10))
                    .until(() -> server.metrics().streamsOpen() == 0);
            ok(RawSse.openFrom("127.0.0.1", server.baseUrl(), path)).close();
        }
    }

    private static RawSse ok(RawSse sse) throws Exception {
        assertThat(sse.status()).isEqualTo(200);
        assertThat(sse.nextEvent()).isNotNull();
        return sse;
    }

    private static void assertRefused(RawSse sse, String why) throws Exception {
        assertThat(sse.status()).isEqualTo(503);
        assertThat(sse.header("Retry-After")).isEqualTo("5");
        var body = Json.mapper().readTree(sse.readToEnd());
        assertThat(body.get("error").asText()).isEqualTo("too_many_streams");
        assertThat(body.get("detail").asText()).contains(why);
    }
}
