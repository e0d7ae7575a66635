package dev.taskstream.shared.client;

import static dev.taskstream.shared.client.TestHttpServer.event;
import static dev.taskstream.shared.client.TestHttpServer.json;
import static dev.taskstream.shared.client.TestHttpServer.respond;
import static dev.taskstream.shared.client.TestHttpServer.startSse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskstream.shared.api.CommunityDetail;
import dev.taskstream.shared.api.CommunityView;
import dev.taskstream.shared.api.ErrorBody;
import dev.taskstream.shared.api.ErrorCodes;
import dev.taskstream.shared.api.Page;
import dev.taskstream.shared.api.ProjectView;
import dev.taskstream.shared.api.StreamEvents;
import dev.taskstream.shared.api.TaskAccepted;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TaskstreamClientTest {

    static final UUID TASK = UUID.fromString("0b9e6f3c-3f8a-4a43-9d7e-3d1a6b2f0c11");

    static final String TASK_JSON = """
            {"id":"0b9e6f3c-3f8a-4a43-9d7e-3d1a6b2f0c11","name":"rebuild_communities","project_id":"demo",
             "status":"completed","progress":100,"message":"Community rebuild completed",
             "result":{"communities_count":12,"edges_count":480,"modularity":0.71},"error":null,
             "created_at":"2025-11-25T07:00:00Z","started_at":"2025-11-25T07:00:01.250Z",
             "completed_at":"2025-11-25T07:00:09Z","updated_at":"2025-11-25T07:00:09Z",
             "worker_id":"node-a/1","attempt":1,"some_future_field":true}""";

    private TestHttpServer server;
    private TaskstreamClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private TaskstreamClient connect(TestHttpServer.Handler handler) throws IOException {
        server = new TestHttpServer(handler);
        client = TaskstreamClient.builder(server.baseUrl()).token("tok").build();
        return client;
    }

    @Test
    void getTaskParsesTheTaskViewAndSendsTokenAndAccept() throws Exception {
        connect((ex, i) -> json(ex, 200, TASK_JSON));

        TaskView t = client.getTask(TASK);

        assertThat(t.id()).isEqualTo(TASK);
        assertThat(t.name()).isEqualTo("rebuild_communities");
        assertThat(t.projectId()).isEqualTo("demo");
        assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(t.progress()).isEqualTo(100);
        assertThat(t.result().path("communities_count").asInt()).isEqualTo(12);
        assertThat(t.error()).isNull();
        assertThat(t.startedAt()).isEqualTo(Instant.parse("2025-11-25T07:00:01.250Z"));
        assertThat(t.workerId()).isEqualTo("node-a/1");
        assertThat(t.attempt()).isEqualTo(1);

        TestHttpServer.Request r = server.request(0);
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.uri().getPath()).isEqualTo("/api/v1/tasks/" + TASK);
        assertThat(r.header("Authorization")).isEqualTo("Bearer tok");
        assertThat(r.header("Accept")).isEqualTo("application/json");
    }

    @Test
    void listTasksSendsOnlyTheGivenFiltersAndParsesThePage() throws Exception {
        connect((ex, i) -> json(ex, 200,
                "{\"items\":[" + TASK_JSON + "],\"total\":31,\"limit\":1,\"offset\":5}"));

        Page<TaskView> page = client.listTasks(TaskStatus.PROCESSING, null, "my project", 1, 5);

        assertThat(page.total()).isEqualTo(31);
        assertThat(page.limit()).isEqualTo(1);
        assertThat(page.offset()).isEqualTo(5);
        assertThat(page.items()).singleElement().extracting(TaskView::id).isEqualTo(TASK);
        assertThat(server.request(0).uri().getRawQuery())
                .isEqualTo("status=processing&project_id=my+project&limit=1&offset=5");
    }

    @Test
    void notFoundBecomesApiExceptionWithTheErrorBody() throws Exception {
        connect((ex, i) -> json(ex, 404, "{\"error\":\"not_found\",\"detail\":\"no task with id " + TASK + "\"}"));

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.getTask(TASK));

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.isNotFound()).isTrue();
        assertThat(e.isConnectionFailure()).isFalse();
        assertThat(e.error()).isEqualTo(new ErrorBody("not_found", "no task with id " + TASK));
        assertThat(e.getMessage()).isEqualTo("GET /api/v1/tasks/" + TASK + " failed: HTTP 404 not_found: no task with id "
                + TASK);
    }

    @Test
    void theErrorCodeIsReadSoThatCallersNeedNotMatchTheText() throws Exception {
        connect((ex, i) -> json(ex, 404, i == 0
                ? "{\"error\":\"not_found\",\"detail\":\"no such endpoint: GET /x\",\"code\":\"no_such_endpoint\"}"
                : "{\"error\":\"not_found\",\"detail\":\"from a server before codes\"}"));

        ApiException coded = catchThrowableOfType(ApiException.class, () -> client.getTask(TASK));
        ApiException older = catchThrowableOfType(ApiException.class, () -> client.getTask(TASK));

        assertThat(coded.code()).isEqualTo(ErrorCodes.NO_SUCH_ENDPOINT);
        assertThat(coded.hasCode(ErrorCodes.NO_SUCH_ENDPOINT)).isTrue();
        assertThat(coded.error().detail()).isEqualTo("no such endpoint: GET /x");
        assertThat(older.code()).isNull();
        assertThat(older.hasCode(ErrorCodes.NO_SUCH_ENDPOINT)).isFalse();
    }

    @Test
    void cancelPostsAndMapsConflict() throws Exception {
        connect((ex, i) -> {
            if (i == 0) {
                json(ex, 202, TASK_JSON.replace("\"completed\",\"progress\"", "\"processing\",\"progress\""));
            } else if (i == 1) {
                respond(ex, 202, null, "");
            } else {
                json(ex, 409, "{\"error\":\"conflict\",\"detail\":\"task already completed\"}");
            }
        });

        assertThat(client.cancelTask(TASK).status()).isEqualTo(TaskStatus.PROCESSING);
        assertThat(client.cancelTask(TASK)).isNull(); // a 202 without a body is fine too
        assertThat(server.request(0).method()).isEqualTo("POST");
        assertThat(server.request(0).uri().getPath()).isEqualTo("/api/v1/tasks/" + TASK + "/cancel");

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.cancelTask(TASK));
        assertThat(e.isConflict()).isTrue();
        assertThat(e.error().detail()).isEqualTo("task already completed");
    }

    @Test
    void nonJsonErrorBodyStillGivesStatusAndReadableMessage() throws Exception {
        connect((ex, i) -> respond(ex, 502, "text/html", "<html><body>Bad Gateway</body></html>"));

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.getTask(TASK));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.error()).isNull();
        assertThat(e.body()).isNull();
        assertThat(e.taskId()).isEmpty();
        assertThat(e.getMessage()).contains("HTTP 502", "Bad Gateway");
    }

    @Test
    void rebuildCommunitiesSendsOnlyGivenParametersAndParsesTaskAccepted() throws Exception {
        String accepted = "{\"task_id\":\"" + TASK + "\",\"task_url\":\"/api/v1/tasks/" + TASK
                + "\",\"stream_url\":\"/api/v1/tasks/" + TASK + "/stream\"}";
        connect((ex, i) -> json(ex, 202, accepted));

        TaskAccepted a = client.rebuildCommunities("demo", "leiden", 1.5, null);
        client.rebuildCommunities("demo", null, null, null);

        assertThat(a).isEqualTo(new TaskAccepted(TASK, "/api/v1/tasks/" + TASK, "/api/v1/tasks/" + TASK + "/stream"));
        TestHttpServer.Request first = server.request(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.uri().getPath()).isEqualTo("/api/v1/projects/demo/communities/rebuild");
        assertThat(first.header("Content-Type")).isEqualTo("application/json");
        assertThat(first.body()).isEqualTo("{\"algorithm\":\"leiden\",\"resolution\":1.5}");
        assertThat(server.request(1).body()).isEmpty();
    }

    @Test
    void aConflictingRebuildKeepsTheRunningTaskIdOfTheBody() throws Exception {
        UUID running = UUID.fromString("7c1d2e3f-4a5b-4c6d-8e7f-901234567890");
        connect((ex, i) -> {
            if (i == 0) {
                json(ex, 409, "{\"error\":\"conflict\",\"detail\":\"a rebuild is still running\",\"task_id\":\""
                        + running + "\"}");
            } else if (i == 1) {
                json(ex, 409, "{\"error\":\"conflict\",\"detail\":\"task already completed\"}");
            } else {
                json(ex, 409, "{\"error\":\"conflict\",\"task_id\":\"not-a-uuid\"}");
            }
        });

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client.rebuildCommunities("demo", null, null, null));
        assertThat(e.isConflict()).isTrue();
        assertThat(e.taskId()).contains(running);
        assertThat(e.error()).isEqualTo(new ErrorBody("conflict", "a rebuild is still running"));
        assertThat(e.body().path("task_id").asText()).isEqualTo(running.toString());

        // a conflict without (or with an unusable) task_id, and no answer at all, have none
        assertThat(catchThrowableOfType(ApiException.class, () -> client.cancelTask(TASK)).taskId()).isEmpty();
        assertThat(catchThrowableOfType(ApiException.class, () -> client.cancelTask(TASK)).taskId()).isEmpty();
        assertThat(new ApiException(0, null, "cannot reach server", null).taskId()).isEmpty();
    }

    @Test
    void retryParsesTaskAccepted() throws Exception {
        UUID next = UUID.randomUUID();
        connect((ex, i) -> json(ex, 202, "{\"task_id\":\"" + next + "\",\"task_url\":\"u\",\"stream_url\":\"s\"}"));

        assertThat(client.retryTask(TASK).taskId()).isEqualTo(next);
        assertThat(server.request(0).uri().getPath()).isEqualTo("/api/v1/tasks/" + TASK + "/retry");
    }

    @Test
    void communitiesAndCommunityDetailAreParsed() throws Exception {
        connect((ex, i) -> {
            if (ex.getRequestURI().getPath().startsWith("/api/v1/projects/")) {
                json(ex, 200, """
                        {"items":[{"id":"c1","name":"Lovelace, Babbage","description":"2 persons",
                          "member_count":2,"top_members":["Ada Lovelace","Charles Babbage"],
                          "created_at":"2025-11-25T07:00:09Z"}],"total":1,"limit":20,"offset":0}""");
            } else {
                json(ex, 200, """
                        {"id":"c1","project_id":"demo","name":"Lovelace, Babbage","description":"2 persons",
                         "member_count":2,"top_members":["Ada Lovelace"],"created_at":"2025-11-25T07:00:09Z",
                         "members":{"items":[{"entity_id":"e1","name":"Ada Lovelace","type":"person","degree":3}],
                                    "total":2,"limit":1,"offset":0}}""");
            }
        });

        Page<CommunityView> page = client.listCommunities("demo", 20, 0, 2);
        CommunityDetail detail = client.getCommunity("c1", 1, 0);

        assertThat(page.items()).singleElement().satisfies(c -> {
            assertThat(c.memberCount()).isEqualTo(2);
            assertThat(c.topMembers()).containsExactly("Ada Lovelace", "Charles Babbage");
        });
        assertThat(server.request(0).uri().getRawQuery()).isEqualTo("limit=20&offset=0&min_members=2");
        assertThat(detail.members().total()).isEqualTo(2);
        assertThat(detail.members().items()).singleElement().satisfies(m -> {
            assertThat(m.entityId()).isEqualTo("e1");
            assertThat(m.degree()).isEqualTo(3);
        });
        assertThat(server.request(1).uri().toString()).isEqualTo("/api/v1/communities/c1?limit=1&offset=0");
    }

    @Test
    void listProjectsAcceptsAnArrayOrAPage() throws Exception {
        String p = "{\"id\":\"demo\",\"name\":\"Demo graph\",\"created_at\":\"2025-11-25T07:00:00Z\","
                + "\"updated_at\":\"2025-11-25T08:00:00Z\"}";
        connect((ex, i) -> json(ex, 200, i == 0 ? "[" + p + "]" : "{\"items\":[" + p + "],\"total\":1}"));

        ProjectView expected = new ProjectView("demo", "Demo graph", Instant.parse("2025-11-25T07:00:00Z"),
                Instant.parse("2025-11-25T08:00:00Z"));
        assertThat(client.listProjects()).containsExactly(expected);
        assertThat(client.listProjects()).containsExactly(expected);
    }

    @Test
    void healthReturnsTheDocument() throws Exception {
        connect((ex, i) -> json(ex, 200, "{\"status\":\"ok\",\"database\":\"up\"}"));

        assertThat(client.health().path("status").asText()).isEqualTo("ok");
        assertThat(server.request(0).uri().getPath()).isEqualTo("/api/v1/health");
    }

    @Test
    void malformedSuccessAnswerIsAnApiException() throws Exception {
        connect((ex, i) -> json(ex, 200, "{\"id\":\"not-a-uuid\",\"status\":\"weird\""));

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.getTask(TASK));
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.getMessage()).startsWith("unexpected answer to GET /api/v1/tasks/");
    }

    @Test
    void refusedConnectionGivesAClearMessage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        client = TaskstreamClient.create("http://127.0.0.1:" + port);

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.getTask(TASK));

        assertThat(e.isConnectionFailure()).isTrue();
        assertThat(e.status()).isZero();
        assertThat(e.getMessage()).isEqualTo("cannot reach server at http://127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void silentServerHitsTheRequestTimeout() throws Exception {
        server = new TestHttpServer((ex, i) -> server.waitForShutdown());
        client = TaskstreamClient.builder(server.baseUrl()).requestTimeout(Duration.ofMillis(300)).build();

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.health());

        assertThat(e.isConnectionFailure()).isTrue();
        assertThat(e.getMessage())
                .isEqualTo("server at " + server.baseUrl() + " did not answer GET /api/v1/health within 300 ms");
    }

    @Test
    void baseUrlIsNormalized() {
        assertThat(TaskstreamClient.normalize("http://h:8000/")).isEqualTo("http://h:8000");
        assertThat(TaskstreamClient.normalize(" http://h:8000/api/v1/ ")).isEqualTo("http://h:8000");
        assertThat(TaskstreamClient.normalize("https://h/prefix")).isEqualTo("https://h/prefix");
        assertThatThrownBy(() -> TaskstreamClient.normalize("localhost:8000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://host:port");
    }

    @Test
    void taskStreamBuilderTargetsTheTaskStreamWithTokenAndStopsOnTerminal() throws Exception {
        connect((ex, i) -> {
            startSse(ex);
            event(ex, 1, StreamEvents.PROGRESS, "{}");
            event(ex, 2, StreamEvents.COMPLETED, "{}");
            TestHttpServer.write(ex, ": the server may linger; the client must not wait for it\n\n");
            server.waitForShutdown();
        });
        RecordingListener l = new RecordingListener();
        SseClient sse = client.taskStream(TASK).connect(l);
        try {
            assertThat(l.awaitClosed().kind()).isEqualTo(CloseReason.Kind.STOP_EVENT);
            assertThat(server.request(0).uri().getPath()).isEqualTo("/api/v1/tasks/" + TASK + "/stream");
            assertThat(server.request(0).header("Authorization")).isEqualTo("Bearer tok");
            assertThat(l.ids()).containsExactly("1", "2");
        } finally {
            sse.close();
        }
        assertThat(sse.awaitTermination(Duration.ofSeconds(20))).isTrue();
        SseClient all = client.allTasksStream("demo").connect(new RecordingListener());
        all.close();
        assertThat(all.awaitTermination(Duration.ofSeconds(20))).isTrue();
        assertThat(all.uri().toString()).isEqualTo(server.baseUrl() + "/api/v1/tasks/stream?project_id=demo");
    }
}
