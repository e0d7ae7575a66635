package dev.taskstream.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.Imports;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Random and boundary input to every endpoint, sent as raw bytes (so invalid UTF-8 and broken
 * syntax reach the server as they are): never a 5xx, never a stack trace in a body, and a
 * rejected request leaves the database exactly as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FuzzContract {
    private static final int CASES = 2_500;

    private TestDatabase db;
    private TaskstreamServer server;
    private URI base;
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
        base = URI.create(server.baseUrl());
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

    record Answer(int status, String contentType, String body) {
    }

    @Test
    void randomAndBoundaryInputNeverBreaksTheServer() throws IOException {
        Random random = new Random(20261125L + kind().ordinal());
        Map<Integer, Integer> statuses = new TreeMap<>();
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] request = randomRequest(random);
            Map<String, Long> before = snapshot();
            Answer a = send(request);
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
            } else {
                accepted++;
            }
        }
        System.out.printf("fuzz (%s): %d cases, %d accepted, statuses %s%n", kind(), CASES, accepted, statuses);
        assertThat(statuses.keySet().stream().filter(s -> s >= 400).count()).isGreaterThan(3);
    }

    // ---- request generation ------------------------------------------------------------------

    private static final String[] WEIRD = {"", " ", "%00", "%FF", "%C3%28", "%E2%82", "..", "%2e%2e%2f", "null",
            "-1", "0", "99999999999999999999999", "1e309", "NaN", "true", "[]", "{}", "%22", "'", "%27%3B--",
            "<script>", "%0d%0aX-Injected:%20yes", "\u00e9", "a".repeat(300), "x".repeat(5000)};

    private String id(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> taskIds.get(r.nextInt(taskIds.size()));
            case 1 -> communityIds.isEmpty() ? "x" : communityIds.get(r.nextInt(communityIds.size()));
            case 2 -> java.util.UUID.randomUUID().toString();
            case 3 -> "00000000-0000-0000-0000-000000000000";
            default -> WEIRD[r.nextInt(WEIRD.length)];
        };
    }

    private String project(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> "fz";
            case 1 -> "p" + r.nextInt(1000);
            default -> WEIRD[r.nextInt(WEIRD.length)];
        };
    }

    private String query(Random r) {
        String[] names = {"limit", "offset", "status", "name", "project_id", "min_members", "last_event_id",
                "access_token", "colour", ""};
        String[] values = {"1", "50", "500", "501", "0", "-5", "abc", "pending", "PENDING", "completed", "fz", "1.5",
                "%FF", "2147483648", "99999999999999999999"};
        StringBuilder q = new StringBuilder();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            q.append(i == 0 ? "?" : "&").append(names[r.nextInt(names.length)]).append('=')
                    .append(r.nextBoolean() ? values[r.nextInt(values.length)] : WEIRD[r.nextInt(WEIRD.length)]);
        }
        return q.toString();
    }

    private byte[] body(Random r) {
        String[] bodies = {"", "{", "}", "[]", "null", "\"x\"", "{\"name\":5}", "{\"name\":\"test_steps\",\"params\":[]}",
                "{\"name\":\"\"}", "{\"algorithm\":\"magic\"}", "{\"resolution\":-1}", "{\"resolution\":\"NaN\"}",
                "{\"resolution\":1e400}", "{\"seed\":\"x\"}", "{\"seed\":1.5}", "{\"entities\":[{\"id\":\"a\"}]}",
                "{\"entities\":[],\"edges\":[{\"source\":\"a\",\"target\":\"zz\",\"relation\":\"R\"}]}",
                "{\"entities\":[],\"edges\":[{\"source\":\"a\",\"target\":\"a\",\"relation\":\"R\"}]}",
                "{\"entities\":[],\"edges\":[{\"source\":\"a\",\"target\":\"b\",\"relation\":\"R\",\"weight\":-1}]}",
                "{\"entities\":[{\"id\":\"c\",\"name\":\"C\",\"extra\":1}]}", "{\"name\":\"" + "n".repeat(300) + "\"}",
                "kind,id,name\nentity,c,C\nedge,,", "{\"a\":" + "[".repeat(2000) + "}",
                "{\"name\":\"\\ud800\"}", "{\"name\":\"ok\"}"};
        if (r.nextInt(5) == 0) {
            byte[] garbage = new byte[r.nextInt(200)];
            r.nextBytes(garbage); // includes invalid UTF-8
            return garbage;
        }
        return bodies[r.nextInt(bodies.length)].getBytes(StandardCharsets.UTF_8);
    }

    private byte[] randomRequest(Random r) {
        String[][] endpoints = {
            {"GET", "/api/v1/tasks/{id}"}, {"POST", "/api/v1/tasks/{id}/cancel"}, {"POST", "/api/v1/tasks/{id}/retry"},
            {"GET", "/api/v1/tasks{q}"}, {"POST", "/api/v1/tasks"}, {"GET", "/api/v1/tasks/{id}/stream{q}"},
            {"GET", "/api/v1/tasks/stream{q}"}, {"PUT", "/api/v1/projects/{p}"}, {"GET", "/api/v1/projects/{p}"},
            {"GET", "/api/v1/projects{q}"}, {"POST", "/api/v1/projects/{p}/graph"},
            {"GET", "/api/v1/projects/{p}/graph/stats"}, {"POST", "/api/v1/projects/{p}/communities/rebuild"},
            {"GET", "/api/v1/projects/{p}/communities{q}"}, {"GET", "/api/v1/communities/{id}{q}"},
            {"GET", "/api/v1/health"}, {"GET", "/metrics"}, {"DELETE", "/api/v1/tasks/{id}"},
            {"PATCH", "/api/v1/projects/{p}"}, {"GET", "/api/v2/{p}"}};
        String[] endpoint = endpoints[r.nextInt(endpoints.length)];
        String method = r.nextInt(20) == 0 ? "BREW" : endpoint[0];
        String path = endpoint[1].replace("{id}", id(r)).replace("{p}", project(r)).replace("{q}", query(r))
                .replace(" ", "%20");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nConnection: close\r\n")
                .getBytes(StandardCharsets.UTF_8));
        String[] contentTypes = {"application/json", "text/csv", "text/plain", "application/json; charset=utf-16",
                "multipart/form-data", ""};
        if (r.nextInt(3) == 0) {
            String[] lastIds = {"abc", "-1", "0", "3", "99999999999999999999", "1e3", " ", "%FF", "\u00ff\u00fe"};
            out.writeBytes(("Last-Event-ID: " + lastIds[r.nextInt(lastIds.length)] + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
        if (r.nextInt(10) == 0) {
            out.writeBytes(("Authorization: Bearer " + WEIRD[r.nextInt(WEIRD.length)] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        if (r.nextInt(25) == 0) {
            out.writeBytes(("X-Huge: " + "h".repeat(20_000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        if (!method.equals("GET")) {
            byte[] body = body(r);
            String type = contentTypes[r.nextInt(contentTypes.length)];
            if (!type.isEmpty()) {
                out.writeBytes(("Content-Type: " + type + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.writeBytes(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(body);
        } else {
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    /** Sends raw bytes; reads the status and headers, and the body unless it is an event stream. */
    private Answer send(byte[] request) throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            String statusLine = line(in);
            assertThat(statusLine).as("no answer to " + new String(request, 0, Math.min(200, request.length),
                    StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 ");
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            String contentType = "";
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                if (h.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    contentType = h.substring(13).trim();
                }
            }
            if (contentType.startsWith("text/event-stream")) {
                return new Answer(status, contentType, "");
            }
            return new Answer(status, contentType, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
