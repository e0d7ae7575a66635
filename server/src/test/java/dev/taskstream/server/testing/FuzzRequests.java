package dev.taskstream.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The fuzz corpus: random and boundary requests to every endpoint as raw bytes (invalid UTF-8 and
 * broken syntax included), and a raw sender for them. Used by the fuzz test and the soak test.
 */
public final class FuzzRequests {
    private final URI base;
    private final List<String> taskIds;
    private final List<String> communityIds;

    /** {@code taskIds} and {@code communityIds}: existing ids that some requests use (read as they change). */
    public FuzzRequests(URI base, List<String> taskIds, List<String> communityIds) {
        this.base = base;
        this.taskIds = taskIds;
        this.communityIds = communityIds;
    }

    /** The status line, content type and (unless an event stream) body of an answer. */
    public record Answer(int status, String contentType, String body) {
    }


    private static final String[] WEIRD = {"", " ", "%00", "%FF", "%C3%28", "%E2%82", "..", "%2e%2e%2f", "null",
            "-1", "0", "99999999999999999999999", "1e309", "a%00b", "%ED%A0%80", "NaN", "true", "[]", "{}", "%22", "'", "%27%3B--",
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
                "{\"name\":\"\\ud800\"}", "{\"name\":\"ok\"}", "{\"name\":\"a\\u0000b\"}",
                "{\"name\":\"test_steps\",\"params\":{\"x\":\"\\u0000\"}}", "{\"algorithm\":\"\\u0000\"}",
                "{\"name\":\"\\ud83d\\ude00\\udc00\"}"};
        if (r.nextInt(5) == 0) {
            byte[] garbage = new byte[r.nextInt(200)];
            r.nextBytes(garbage); // includes invalid UTF-8
            return garbage;
        }
        return bodies[r.nextInt(bodies.length)].getBytes(StandardCharsets.UTF_8);
    }

    public byte[] randomRequest(Random r) {
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
    public Answer send(byte[] request) throws IOException {
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
