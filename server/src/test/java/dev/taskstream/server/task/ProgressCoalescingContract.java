package dev.taskstream.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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

/** A handler reporting progress far faster than the rate: fewer events, nothing a watcher needs lost. */
abstract class ProgressCoalescingContract {
    abstract TestDatabase.Kind kind();

    @Test
    void thousandQuickStepsAreCoalescedKeepingFirstLastAndEveryStage() throws Exception {
        try (TestDatabase db = TestDatabase.create(kind());
             TaskstreamServer server = TestServer.start(db, s -> s.withWorkers(1).withProgressRate(20))) {
            Http http = new Http(server.baseUrl());
            Http.Answer a = http.post("/api/v1/tasks", "{\"name\":\"test_steps\",\"params\":{\"steps\":1000,"
                    + "\"stages\":[\"Loading\",\"Saving\"]}}");
            assertThat(a.status()).as(a.body()).isEqualTo(202);
            String id = a.json().get("task_id").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/api/v1/tasks/" + id).json()
                    .get("status").asText().equals("completed"));

            List<Long> ids = new ArrayList<>();
            List<String> messages = new ArrayList<>();
            List<Integer> percents = new ArrayList<>();
            try (RawSse sse = RawSse.open(server.baseUrl(), "/api/v1/tasks/" + id + "/stream?last_event_id=0")) {
                for (RawSse.Block e = sse.nextEvent(); e != null; e = sse.nextEvent()) {
                    ids.add(Long.parseLong(e.id()));
                    JsonNode data = Json.mapper().readTree(e.data());
                    messages.add(data.get("message").asText());
                    percents.add(data.get("progress").asInt());
                }
            }
            // Queued, Started, the written steps, Completed: far fewer than the 1,000 steps.
            assertThat(messages.size()).isLessThan(500);
            assertThat(ids.getFirst()).isEqualTo(1);
            for (int i = 1; i < ids.size(); i++) {
                assertThat(ids.get(i)).as("ids stay consecutive").isEqualTo(ids.get(i - 1) + 1);
            }
            assertThat(messages.subList(0, 2)).containsExactly("Queued", "Started");
            assertThat(messages.get(2)).as("first step").isEqualTo("Loading 1 of 1000");
            assertThat(messages).as("the old stage's final state, then the new stage's first step")
                    .containsSubsequence("Loading 500 of 1000", "Saving 501 of 1000");
            assertThat(messages.subList(messages.size() - 2, messages.size()))
                    .as("the last step, then the end").containsExactly("Saving 1000 of 1000", "Completed");
            assertThat(percents.get(percents.size() - 2)).isEqualTo(1000 * 100 / 1001);
            assertThat(percents.subList(2, percents.size() - 1)).isSorted();
        }
    }

    @Test
    void stepsSlowerThanTheRateAreAllWritten() throws Exception {
        try (TestDatabase db = TestDatabase.create(kind());
             TaskstreamServer server = TestServer.start(db, s -> s.withWorkers(1).withProgressRate(20))) {
            Http http = new Http(server.baseUrl());
            String id = http.post("/api/v1/tasks", "{\"name\":\"test_steps\",\"params\":{\"steps\":4,"
                    + "\"delay_ms\":120}}").json().get("task_id").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/api/v1/tasks/" + id).json()
                    .get("status").asText().equals("completed"));
            List<String> messages = new ArrayList<>();
            try (RawSse sse = RawSse.open(server.baseUrl(), "/api/v1/tasks/" + id + "/stream?last_event_id=0")) {
                for (RawSse.Block e = sse.nextEvent(); e != null; e = sse.nextEvent()) {
                    messages.add(Json.mapper().readTree(e.data()).get("message").asText());
                }
            }
            assertThat(messages).containsExactly("Queued", "Started", "step 1 of 4", "step 2 of 4", "step 3 of 4",
                    "step 4 of 4", "Completed");
        }
    }
}
