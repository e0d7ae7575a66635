package dev.taskstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.shared.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

/** The few HTTP calls the benchmarks make besides streams: JSON GET/POST and a /metrics scrape. */
final class BenchHttp {
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    String get(URI url) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    JsonNode getJson(URI url) throws IOException, InterruptedException {
        return Json.mapper().readTree(get(url));
    }

    JsonNode postJson(URI url, Object body) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("POST " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.mapper().readTree(r.body());
    }

    /** Sum of the samples of {@code metric} whose label set contains {@code labelPart} (or all when null). */
    static double metric(String exposition, String metric, String labelPart) {
        double sum = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String key = line.substring(0, space);
            String name = key.contains("{") ? key.substring(0, key.indexOf('{')) : key;
            if (!name.equals(metric) || (labelPart != null && !key.contains(labelPart))) {
                continue;
            }
            sum += Double.parseDouble(line.substring(space + 1).trim());
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("metric " + metric + (labelPart == null ? "" : "{" + labelPart + "}")
                    + " not in /metrics");
        }
        return sum;
    }
}
