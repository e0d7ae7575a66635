package dev.taskstream.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import dev.taskstream.shared.json.Json;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser's standard EventSource against the server: headless Chromium opens a page (served
 * from another origin, so CORS is exercised too) that reports every stream callback back to the test.
 */
abstract class BrowserEventSourceContract {
    private static final String PAGE = """
            <!doctype html><title>watch</title><script>
            let n = 0;
            const report = (kind, data) => fetch('/report', {method: 'POST',
                body: JSON.stringify({n: n++, kind: kind, data: data})});
            const es = new EventSource('STREAM_URL');
            es.onopen = () => report('open', '');
            es.addEventListener('progress', e => report('progress', e.lastEventId));
            es.addEventListener('completed', e => report('completed', e.lastEventId + '|' + e.data));
            es.onerror = () => report('error', String(es.readyState));
            </script>
            """;

    abstract TestDatabase.Kind kind();

    static Path chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        String why = "no Chromium found (apt-get install chromium)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why + ": CI=true requires the browser test (.ci/run installs Chromium)");
        }
        Assumptions.abort(why + ": skipping the browser EventSource test");
        return null;
    }

    @Test
    void browserReceivesEveryEventAndStopsAfterCompletion(@TempDir Path profile) throws Exception {
        Path chromium = chromium();
        Queue<JsonNode> reports = new ConcurrentLinkedQueue<>();
        HttpServer pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String origin = "http://127.0.0.1:" + pages.getAddress().getPort();
        try (TestDatabase db = TestDatabase.create(kind());
             TaskstreamServer server = TestServer.start(db, s -> s.withCorsOrigins(List.of(origin)))) {
            Http http = new Http(server.baseUrl());
            String id = http.post("/api/v1/tasks", "{\"name\":\"test_steps\",\"params\":{\"steps\":8,\"delay_ms\":150}}")
                    .json().get("task_id").asText();
            String page = PAGE.replace("STREAM_URL", server.baseUrl() + "/api/v1/tasks/" + id
                    + "/stream?last_event_id=0");
            pages.createContext("/page.html", ex -> {
                byte[] body = page.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            pages.createContext("/report", ex -> {
                reports.add(Json.mapper().readTree(ex.getRequestBody().readAllBytes()));
                ex.sendResponseHeaders(204, -1);
                ex.close();
            });
            pages.start();
            Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--no-first-run", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + profile, origin + "/page.html")
                    .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
            try {
                // The server ends the stream after "completed"; the browser reconnects once with
                // Last-Event-ID, gets 204 and closes the EventSource (readyState 2).
                await().atMost(Duration.ofSeconds(60)).until(() -> reports.stream()
                        .anyMatch(r -> r.get("kind").asText().equals("error") && r.get("data").asText().equals("2")));
                Thread.sleep(3_000); // room for a reconnect that must not happen
            } finally {
                browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            List<JsonNode> ordered = reports.stream().sorted(Comparator.comparingInt(r -> r.get("n").asInt())).toList();
            List<String> kinds = ordered.stream().map(r -> r.get("kind").asText()).toList();
            assertThat(kinds.stream().filter("open"::equals).count()).as(kinds.toString()).isEqualTo(1);
            List<String> progressIds = ordered.stream().filter(r -> r.get("kind").asText().equals("progress"))
                    .map(r -> r.get("data").asText()).toList();
            assertThat(progressIds).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
            JsonNode completed = ordered.stream().filter(r -> r.get("kind").asText().equals("completed"))
                    .findFirst().orElseThrow();
            assertThat(completed.get("data").asText()).startsWith("11|").contains("\"status\":\"completed\"");
            assertThat(kinds.subList(kinds.indexOf("completed") + 1, kinds.size())).doesNotContain("open", "progress");
        } finally {
            pages.stop(0);
        }
    }
}
