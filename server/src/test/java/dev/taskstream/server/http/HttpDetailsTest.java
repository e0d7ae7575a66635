package dev.taskstream.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.ServerFixture;
import dev.taskstream.server.testing.RawSse;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The access-control and HTTP details an outside probe got wrong (issue 13): where the query token
 * counts, CORS headers on error answers, HEAD, and a token written with whitespace around it.
 * HTTP-level rules; the database plays no part.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpDetailsTest {
    private static final String TOKEN = "s3cret-token";
    private static final String ORIGIN = "http://localhost:4321";
    private static final String MISSING = "/api/v1/tasks/00000000-0000-0000-0000-000000000000";
    // Bodies and streams limited so that 413 and 503 are easy to get.
    @RegisterExtension
    final ServerFixture app = new ServerFixture(() -> TestDatabase.Kind.H2,
            s -> s.withToken(TOKEN).withCorsOrigins(List.of(ORIGIN + "/"))
            .withMaxBodyBytes(4096).withStreamLimits(1, 0));

    private Http.Answer send(String method, String path, boolean withToken, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(app.http().uri(path)).header("Origin", ORIGIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (withToken) {
            b.header("Authorization", "Bearer " + TOKEN);
        }
        return app.http().send(b);
    }

    private static void assertCors(Http.Answer a) {
        assertThat(a.headers().firstValue("Access-Control-Allow-Origin")).as("CORS on a %d", a.status())
                .hasValue(ORIGIN);
        assertThat(a.headers().firstValue("Vary")).hasValue("Origin");
    }

    @Test
    void queryTokenCountsOnlyOnTheTwoStreamRoutes() {
        String q = "?access_token=" + TOKEN;
        assertThat(send("PUT", "/api/v1/projects/stream" + q, false, "{\"name\":\"x\"}").status()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/projects/stream" + q, false, null).status()).isEqualTo(401);
        assertThat(send("POST", "/api/v1/tasks/stream" + q, false, "{}").status()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/tasks/a/b/stream" + q, false, null).status()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/projects", true, null).json().get("items")).isEmpty();
        assertThat(send("GET", MISSING + "/stream" + q, false, null).status()).isEqualTo(404);
    }

    @Test
    void aTokenWithWhitespaceAroundItMatchesWithoutIt() {
        // As an operator might paste it into an environment variable.
        try (TaskstreamServer pasted = TestServer.start(app.db(), s -> s.withToken("  " + TOKEN + " \t"))) {
            Http h = new Http(pasted.baseUrl());
            assertThat(h.send(HttpRequest.newBuilder(h.uri("/api/v1/tasks")).header("Authorization", "Bearer " + TOKEN)
                    .GET()).status()).isEqualTo(200);
            assertThat(h.get(MISSING + "/stream?access_token=%20" + TOKEN + "%20").status()).isEqualTo(404);
            assertThat(h.get("/api/v1/tasks").status()).isEqualTo(401);
            assertThat(h.send(HttpRequest.newBuilder(h.uri("/api/v1/tasks")).header("Authorization", "Bearer")
                    .GET()).status()).isEqualTo(401);
        }
    }

    @Test
    void errorAnswersCarryCorsHeaders() throws IOException {
        Http.Answer unauthorized = send("GET", "/api/v1/tasks", false, null);
        assertThat(unauthorized.status()).isEqualTo(401);
        assertCors(unauthorized);
        assertThat(unauthorized.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
                .contains("WWW-Authenticate").contains("Retry-After");

        Http.Answer notFound = send("GET", MISSING, true, null);
        assertThat(notFound.status()).isEqualTo(404);
        assertCors(notFound);
        assertCors(send("GET", "/api/v1/no-such-endpoint", true, null));

        Http.Answer tooLarge = send("POST", "/api/v1/tasks", true,
                "{\"name\":\"test_steps\",\"params\":{\"pad\":\"" + "x".repeat(8192) + "\"}}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertCors(tooLarge);

        String id = send("POST", "/api/v1/tasks", true, "{\"name\":\"test_hold\"}").json().get("task_id").asText();
        String stream = "/api/v1/tasks/" + id + "/stream?access_token=" + TOKEN;
        try (RawSse first = RawSse.open(app.server().baseUrl(), stream, "Origin: " + ORIGIN);
             RawSse second = RawSse.open(app.server().baseUrl(), stream, "Origin: " + ORIGIN)) {
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
            assertThat(second.status()).isEqualTo(503);
            assertThat(second.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        }
        // Jetty answers a path with bad UTF-8 itself, before Javalin sees the request.
        try (RawSse bad = RawSse.open(app.server().baseUrl(), "/api/v1/tasks/%FF", "Origin: " + ORIGIN)) {
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.header("Content-Type")).startsWith("application/json");
            assertThat(bad.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        }
        Http.Answer otherOrigin = app.http().send(HttpRequest.newBuilder(app.http().uri("/api/v1/tasks"))
                .header("Origin", "http://evil.example").GET());
        assertThat(otherOrigin.status()).isEqualTo(401);
        assertThat(otherOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void settingsThatWouldMisleadAreRefusedAndIpv6InBracketsWorks() {
        assertThatThrownBy(() -> TestServer.start(app.db(), s -> s.withHost("")))
                .hasMessageContaining("--host is empty");
        assertThatThrownBy(() -> TestServer.start(app.db(), s -> s.withToken(TOKEN).withCorsOrigins(List.of("null"))))
                .hasMessageContaining("--cors-origin null is refused").hasMessageNotContaining("anyHost");
        try (TaskstreamServer v6 = TestServer.start(app.db(), s -> s.withHost("[::1]"))) {
            assertThat(v6.baseUrl()).isEqualTo("http://[::1]:" + v6.port());
            assertThat(new Http(v6.baseUrl()).get("/api/v1/health").status()).isEqualTo(200);
        }
    }

    @Test
    void preflightIsAnsweredWithoutTheToken() {
        Http.Answer a = app.http().send(HttpRequest.newBuilder(app.http().uri("/api/v1/tasks")).header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(a.status()).isBetween(200, 204);
        assertCors(a);
        assertThat(a.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
        assertThat(a.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
                .containsIgnoringCase("Authorization").containsIgnoringCase("Content-Type");
    }

    @Test
    void headAnswersWhatGetWouldWithoutTheBody() throws IOException {
        String id = send("POST", "/api/v1/tasks", true, "{\"name\":\"test_steps\",\"params\":{\"steps\":1}}")
                .json().get("task_id").asText();
        for (String path : List.of("/api/v1/tasks/" + id, MISSING, "/api/v1/tasks/not-a-uuid", "/api/v1/health",
                "/api/v1/tasks?status=nonsense")) {
            Http.Answer get = send("GET", path, true, null);
            Raw head = raw("HEAD", path);
            assertThat(head.status).as("HEAD " + path).isEqualTo(get.status());
            assertThat(head.header("content-type")).as("HEAD " + path)
                    .isEqualTo(get.headers().firstValue("Content-Type").orElseThrow());
            assertThat(head.rest).as("HEAD " + path + " has no body").isEmpty();
        }
        assertThat(raw("HEAD", "/api/v1/tasks").status).isEqualTo(200);
        Raw stream = raw("HEAD", "/api/v1/tasks/" + id + "/stream");
        assertThat(stream.status).isEqualTo(405);
        assertThat(stream.header("allow")).isEqualTo("GET");
        assertThat(stream.rest).isEmpty();
    }

    private record Raw(int status, List<String> headers, String rest) {
        String header(String name) {
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                    .map(h -> h.substring(name.length() + 1).strip()).findFirst().orElse(null);
        }
    }

    /** A request over a plain socket, read to the end: shows whether a HEAD answer carries a body. */
    private Raw raw(String method, String path, String... extraHeaders) throws IOException {
        URI base = URI.create(app.server().baseUrl());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(30_000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nConnection: close\r\n");
            for (String h : extraHeaders) {
                req.append(h).append("\r\n");
            }
            s.getOutputStream().write(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            String all = new String(readAll(s.getInputStream()), StandardCharsets.ISO_8859_1);
            int end = all.indexOf("\r\n\r\n");
            List<String> lines = List.of(all.substring(0, end).split("\r\n"));
            return new Raw(Integer.parseInt(lines.getFirst().split(" ")[1]), lines.subList(1, lines.size()),
                    all.substring(end + 4));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
