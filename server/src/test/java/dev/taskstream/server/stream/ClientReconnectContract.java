package dev.taskstream.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.RawSse;
import dev.taskstream.server.testing.TcpProxy;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import dev.taskstream.shared.client.SseEvent;
import dev.taskstream.shared.client.SseListener;
import dev.taskstream.shared.client.TaskstreamClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The product's own SSE client against the real server, with the connection between them cut
 * several times mid-task: it reconnects with Last-Event-ID and ends with exactly the event log.
 */
abstract class ClientReconnectContract {
    abstract TestDatabase.Kind kind();

    @Test
    void clientReconnectsThroughCutsAndMissesNothing() throws Exception {
        try (TestDatabase db = TestDatabase.create(kind());
             TaskstreamServer server = TestServer.start(db);
             TcpProxy proxy = new TcpProxy("127.0.0.1", server.port())) {
            Http http = new Http(server.baseUrl());
            String id = http.post("/api/v1/tasks", "{\"name\":\"test_steps\",\"params\":{\"steps\":30,\"delay_ms\":60}}")
                    .json().get("task_id").asText();
            TaskstreamClient client = TaskstreamClient.create("http://127.0.0.1:" + proxy.port());
            List<String> received = new CopyOnWriteArrayList<>();
            var sse = client.taskStream(UUID.fromString(id)).lastEventId("0").initialRetry(Duration.ofMillis(50))
                    .connect(new SseListener() {
                        @Override
                        public void onEvent(SseEvent event) {
                            received.add(event.id() + "|" + event.event() + "|" + event.data());
                        }
                    });
            try (sse) {
                for (int cut = 0; cut < 3; cut++) {
                    int before = received.size();
                    while (received.size() < before + 5 && !sse.isTerminated()) {
                        Thread.sleep(10);
                    }
                    proxy.cut();
                    Thread.sleep(200);
                    proxy.restore();
                }
                assertThat(sse.awaitTermination(Duration.ofSeconds(60))).isTrue();
            }
            List<String> log = new ArrayList<>();
            try (RawSse replay = RawSse.open(server.baseUrl(), "/api/v1/tasks/" + id + "/stream?last_event_id=0")) {
                for (RawSse.Block e = replay.nextEvent(); e != null; e = replay.nextEvent()) {
                    log.add(e.id() + "|" + e.event() + "|" + e.data());
                }
            }
            assertThat(log).hasSize(33);
            assertThat(received).containsExactlyElementsOf(log);
        }
    }
}
