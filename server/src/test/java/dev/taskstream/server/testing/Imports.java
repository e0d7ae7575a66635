package dev.taskstream.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Set;

/** Graph imports over HTTP as clients make them: POST the body, get 202 and an import_graph task, wait for its end. */
public final class Imports {
    private static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled");

    private Imports() {
    }

    /** Posts the body; asserts the 202 and returns the task id. */
    public static String start(Http http, String project, String contentType, String body) {
        Http.Answer a = http.send(HttpRequest.newBuilder(http.uri("/api/v1/projects/" + project + "/graph"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        String id = a.json().get("task_id").asText();
        assertThat(a.json().get("stream_url").asText()).isEqualTo("/api/v1/tasks/" + id + "/stream");
        return id;
    }

    /** Waits for the task to end and returns its view (status, result or error). */
    public static JsonNode awaitEnd(Http http, String taskId) {
        JsonNode[] task = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> {
            task[0] = http.get("/api/v1/tasks/" + taskId).json();
            return TERMINAL.contains(task[0].get("status").asText());
        });
        return task[0];
    }

    /** Imports and waits: the ended task's view. */
    public static JsonNode run(Http http, String project, String contentType, String body) {
        return awaitEnd(http, start(http, project, contentType, body));
    }

    /** Imports JSON, waits, and asserts it completed: the task's result. */
    public static JsonNode completed(Http http, String project, String json) {
        JsonNode task = run(http, project, "application/json", json);
        assertThat(task.get("status").asText()).as(task.toString()).isEqualTo("completed");
        return task.get("result");
    }
}
