package dev.taskstream.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.ServerFixture;
import dev.taskstream.server.testing.RawSse;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Token, safe bind defaults and CORS (HTTP-level rules; the database plays no part). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest {
    private static final String TOKEN = "s3cret-token";
    @RegisterExtension
    final ServerFixture app = new ServerFixture(() -> TestDatabase.Kind.H2,
            s -> s.withToken(TOKEN).withCorsOrigins(List.of("http://localhost:4321")));

    Http.Answer get(String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(app.http().uri(path)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return app.http().send(b);
    }

    @Test
    void everyEndpointButHealthNeedsTheToken() {
        for (String path : List.of("/api/v1/tasks", "/api/v1/projects", "/metrics",
                "/api/v1/tasks/00000000-0000-0000-0000-000000000000", "/api/v1/no-such-endpoint")) {
            Http.Answer none = get(path, null);
            assertThat(none.status()).as(path).isEqualTo(401);
            assertThat(none.json().get("error").asText()).isEqualTo("unauthorized");
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(get(path, "Bearer wrong").status()).as(path).isEqualTo(401);
            assertThat(get(path, "Basic " + TOKEN).status()).as(path).isEqualTo(401);
        }
        assertThat(get("/api/v1/tasks", "Bearer " + TOKEN).status()).isEqualTo(200);
        assertThat(get("/metrics", "bearer " + TOKEN).status()).isEqualTo(200);
        assertThat(get("/api/v1/health", null).status()).isEqualTo(200);
        Http.Answer post = app.http().send(HttpRequest.newBuilder(app.http().uri("/api/v1/tasks"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"test_steps\"}")));
        assertThat(post.status()).isEqualTo(401);
        assertThat(get("/api/v1/tasks", "Bearer " + TOKEN).json().get("total").asInt()).isZero();
    }

    @Test
    void streamsAcceptTheTokenInTheQueryForEventSource() throws Exception {
        Http.Answer created = app.http().send(HttpRequest.newBuilder(app.http().uri("/api/v1/tasks"))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"test_steps\",\"params\":{\"steps\":1}}")));
        String id = created.json().get("task_id").asText();
        try (RawSse sse = RawSse.open(app.server().baseUrl(), "/api/v1/tasks/" + id + "/stream")) {
            assertThat(sse.status()).isEqualTo(401);
        }
        try (RawSse sse = RawSse.open(app.server().baseUrl(), "/api/v1/tasks/" + id + "/stream?access_token=nope")) {
            assertThat(sse.status()).isEqualTo(401);
        }
        try (RawSse sse = RawSse.open(app.server().baseUrl(),
                "/api/v1/tasks/" + id + "/stream?access_token=" + TOKEN)) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.nextEvent()).isNotNull();
        }
        try (RawSse sse = RawSse.open(app.server().baseUrl(), "/api/v1/tasks/stream?access_token=" + TOKEN)) {
            assertThat(sse.status()).isEqualTo(200);
        }
        // The query token is for streams only.
        assertThat(get("/api/v1/tasks?access_token=" + TOKEN, null).status()).isEqualTo(401);
    }

    @Test
    void corsAnswersOnlyConfiguredOrigins() {
        Http.Answer allowed = app.http().send(HttpRequest.newBuilder(app.http().uri("/api/v1/health"))
                .header("Origin", "http://localhost:4321").GET());
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:4321");
        Http.Answer other = app.http().send(HttpRequest.newBuilder(app.http().uri("/api/v1/health"))
                .header("Origin", "http://evil.example").GET());
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void refusesToListenOnTheNetworkWithoutATokenUnlessInsecure() {
        assertThatThrownBy(() -> TestServer.start(app.db(), s -> s.withHost("0.0.0.0")))
                .hasMessageContaining("refusing to listen on 0.0.0.0 without a token")
                .hasMessageContaining("--insecure");
        try (TaskstreamServer open = TestServer.start(app.db(), s -> s.withHost("0.0.0.0").withInsecure(true))) {
            assertThat(open.port()).isPositive();
        }
        try (TaskstreamServer withToken = TestServer.start(app.db(), s -> s.withHost("0.0.0.0").withToken("t"))) {
            assertThat(withToken.port()).isPositive();
        }
    }

    @Test
    void withoutCorsSettingNoOriginIsAllowed() {
        try (TaskstreamServer plain = TestServer.start(app.db())) {
            Http.Answer a = new Http(plain.baseUrl()).send(HttpRequest.newBuilder(
                    new Http(plain.baseUrl()).uri("/api/v1/health")).header("Origin", "http://localhost:4321").GET());
            assertThat(a.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }
}
