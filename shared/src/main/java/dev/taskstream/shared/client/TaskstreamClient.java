package dev.taskstream.shared.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskstream.shared.api.BatchAccepted;
import dev.taskstream.shared.api.BatchRequest;
import dev.taskstream.shared.api.CommunityDetail;
import dev.taskstream.shared.api.CommunityMap;
import dev.taskstream.shared.api.CommunityView;
import dev.taskstream.shared.api.ErrorBody;
import dev.taskstream.shared.api.GraphStats;
import dev.taskstream.shared.api.Page;
import dev.taskstream.shared.api.ProjectRequest;
import dev.taskstream.shared.api.ProjectView;
import dev.taskstream.shared.api.RebuildRequest;
import dev.taskstream.shared.api.StreamEvents;
import dev.taskstream.shared.api.TaskAccepted;
import dev.taskstream.shared.api.TaskRequest;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import dev.taskstream.shared.json.Json;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Locale;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Blocking REST client of the Taskstream API ({@code /api/v1}), on {@link java.net.http.HttpClient}.
 *
 * <p>Every method either returns the parsed answer or throws {@link ApiException}: with the HTTP status and the
 * server's {@link ErrorBody} for a non-2xx answer, with status 0 and a message such as
 * {@code cannot reach server at http://127.0.0.1:8000: connection refused} when there is no answer. Call it off the
 * UI thread. Timeouts: connect 5 s, whole request 30 s (configurable).
 *
 * <p>Thread-safe; one instance can serve a whole application. {@link #taskStream} and {@link #allTasksStream}
 * return SSE client builders sharing this client's {@link HttpClient} and token.
 */
public final class TaskstreamClient implements AutoCloseable {

    private static final String API = "/api/v1";

    private final String baseUrl;
    private final String token;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final boolean ownsHttpClient;
    private final ObjectMapper json = Json.mapper();

    private TaskstreamClient(Builder b) {
        this.baseUrl = normalize(b.baseUrl);
        this.token = b.token == null || b.token.isBlank() ? null : b.token;
        this.requestTimeout = b.requestTimeout;
        this.ownsHttpClient = b.httpClient == null;
        this.http = ownsHttpClient ? SseClient.defaultHttpClient(b.connectTimeout) : b.httpClient;
    }

    public static TaskstreamClient create(String baseUrl) {
        return builder(baseUrl).build();
    }

    public static TaskstreamClient create(String baseUrl, String token) {
        return builder(baseUrl).token(token).build();
    }

    /** {@code baseUrl} is the server root, e.g. {@code http://127.0.0.1:8000} (a trailing {@code /api/v1} is fine). */
    public static Builder builder(String baseUrl) {
        return new Builder(baseUrl);
    }

    /** The server root this client talks to, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    // ---------------------------------------------------------------- tasks

    /** {@code GET /tasks/{id}}; 404 → {@link ApiException#isNotFound()}. */
    public TaskView getTask(UUID taskId) {
        return call("GET", "/tasks/" + taskId, null, type(TaskView.class));
    }

    /** {@code GET /tasks?...}, newest first; every argument may be null (= no filter / server default). */
    public Page<TaskView> listTasks(TaskStatus status, String name, String projectId, Integer limit, Integer offset) {
        Query q = new Query()
                .add("status", status == null ? null : status.wire())
                .add("name", name)
                .add("project_id", projectId)
                .add("limit", limit)
                .add("offset", offset);
        return call("GET", "/tasks" + q, null, pageOf(TaskView.class));
    }

    /**
     * {@code POST /tasks/{id}/cancel} → 202 with the task (null if the server sends no body); 409
     * ({@link ApiException#isConflict()}) when the task already ended. Cancellation is cooperative: the task ends
     * {@code cancelled} shortly after, announced on its stream.
     */
    public TaskView cancelTask(UUID taskId) {
        return call("POST", "/tasks/" + taskId + "/cancel", null, type(TaskView.class));
    }

    /** {@code POST /tasks/{id}/retry}: a new task for a failed or cancelled one. */
    public TaskAccepted retryTask(UUID taskId) {
        return call("POST", "/tasks/" + taskId + "/retry", null, type(TaskAccepted.class));
    }

    /**
     * {@code POST /tasks/batch}: enqueues up to {@link BatchRequest#MAX_TASKS} tasks in one transaction (all or
     * none); 400 for a bad task (the detail names it), 413 for more tasks than that.
     */
    public BatchAccepted submitTasks(List<TaskRequest> tasks) {
        return call("POST", "/tasks/batch", new BatchRequest(tasks), type(BatchAccepted.class));
    }

    // ---------------------------------------------------------------- communities

    /**
     * {@code POST /projects/{id}/communities/rebuild}; null arguments are left out (server defaults), and with all
     * of them null no body is sent.
     */
    public TaskAccepted rebuildCommunities(String projectId, String algorithm, Double resolution, Long seed) {
        RebuildRequest body = new RebuildRequest(algorithm, resolution, seed);
        return call("POST", "/projects/" + segment(projectId) + "/communities/rebuild",
                body.isEmpty() ? null : body, type(TaskAccepted.class));
    }

    /** {@code GET /projects/{id}/communities?limit=&offset=&min_members=}, largest first; nulls are left out. */
    public Page<CommunityView> listCommunities(String projectId, Integer limit, Integer offset, Integer minMembers) {
        Query q = new Query().add("limit", limit).add("offset", offset).add("min_members", minMembers);
        return call("GET", "/projects/" + segment(projectId) + "/communities" + q, null, pageOf(CommunityView.class));
    }

    /** {@code GET /communities/{id}?limit=&offset=}, the paging applying to the members; nulls are left out. */
    public CommunityDetail getCommunity(String communityId, Integer memberLimit, Integer memberOffset) {
        Query q = new Query().add("limit", memberLimit).add("offset", memberOffset);
        return call("GET", "/communities/" + segment(communityId) + q, null, type(CommunityDetail.class));
    }

    /** {@code GET /projects/{id}/communities/map?limit=}: the largest communities and the links between them. */
    public CommunityMap communityMap(String projectId, Integer limit) {
        Query q = new Query().add("limit", limit);
        return call("GET", "/projects/" + segment(projectId) + "/communities/map" + q, null, type(CommunityMap.class));
    }

    // ---------------------------------------------------------------- projects and health

    /** {@code GET /projects}; accepts a JSON array or a page object from the server. */
    public List<ProjectView> listProjects() {
        JsonNode node = call("GET", "/projects", null, type(JsonNode.class));
        JsonNode items = node != null && node.isObject() ? node.path("items") : node;
        List<ProjectView> out = new ArrayList<>();
        if (items != null && items.isArray()) {
            for (JsonNode item : items) {
                out.add(convert(item, ProjectView.class, "/projects"));
            }
        }
        return out;
    }

    /** {@code PUT /projects/{id}} {@code {name}}: creates (201) or renames (200); returns the project. */
    public ProjectView putProject(String projectId, String name) {
        return call("PUT", "/projects/" + segment(projectId), new ProjectRequest(name), type(ProjectView.class));
    }

    /**
     * {@code POST /projects/{id}/graph}: uploads a graph file, {@code text/csv} when its name ends in {@code .csv},
     * else {@code application/json}; {@code bytesSent} hears the running count of bytes sent (on the HTTP client's
     * threads). The answer is the {@code import_graph} task; 409 (another import or rebuild runs in the project, its
     * id in {@link ApiException#taskId()}), 413 (too large) and 415 are {@link ApiException}s. No request timeout:
     * a large file over a slow link may take long to send.
     */
    public TaskAccepted importGraph(String projectId, Path file, LongConsumer bytesSent) {
        HttpRequest.BodyPublisher body;
        try {
            body = new CountingBodyPublisher(HttpRequest.BodyPublishers.ofFile(file), bytesSent);
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        String contentType = name.endsWith(".csv") ? "text/csv" : "application/json";
        return send("POST", "/projects/" + segment(projectId) + "/graph", body, contentType, null,
                type(TaskAccepted.class));
    }

    /** {@code GET /projects/{id}/graph/stats}. */
    public GraphStats graphStats(String projectId) {
        return call("GET", "/projects/" + segment(projectId) + "/graph/stats", null, type(GraphStats.class));
    }

    /**
     * {@code GET /api/v1/health}: the server's health document as JSON. Throws {@link ApiException} when the server
     * is unreachable or unhealthy (e.g. 503 while its database is down).
     */
    public JsonNode health() {
        return call("GET", "/health", null, type(JsonNode.class));
    }

    // ---------------------------------------------------------------- streams

    /**
     * A builder for the SSE stream of one task ({@code /api/v1/tasks/{id}/stream}), with this client's token and
     * HttpClient, already set to stop after the task's terminal event ({@code completed}, {@code failed},
     * {@code cancelled}). Add a listener and {@code connect}.
     */
    public SseClient.Builder taskStream(UUID taskId) {
        return streamBuilder(URI.create(baseUrl + API + "/tasks/" + taskId + "/stream"))
                .stopOn(StreamEvents::isTerminal);
    }

    /**
     * A builder for the stream of all tasks ({@code /api/v1/tasks/stream?project_id=}); {@code projectId} may be
     * null for all projects. This stream has no natural end: it runs until closed.
     */
    public SseClient.Builder allTasksStream(String projectId) {
        Query q = new Query().add("project_id", projectId);
        return streamBuilder(URI.create(baseUrl + API + "/tasks/stream" + q));
    }

    private SseClient.Builder streamBuilder(URI uri) {
        return SseClient.builder(uri).bearerToken(token).httpClient(http);
    }

    /**
     * Releases the HttpClient this instance created (if it created one); close streams built from this client
     * first, since they share it.
     */
    @Override
    public void close() {
        if (ownsHttpClient) {
            http.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- plumbing

    private <T> T call(String method, String path, Object body, JavaType answerType) {
        if (body == null) {
            return send(method, path, HttpRequest.BodyPublishers.noBody(), null, requestTimeout, answerType);
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize request body: " + e.getOriginalMessage(), e);
        }
        return send(method, path, HttpRequest.BodyPublishers.ofByteArray(bytes), "application/json", requestTimeout,
                answerType);
    }

    /** One request: {@code contentType} null for no body, {@code timeout} null for none. */
    private <T> T send(String method, String path, HttpRequest.BodyPublisher body, String contentType,
            Duration timeout, JavaType answerType) {
        URI uri = URI.create(baseUrl + API + path);
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
                .header("Accept", "application/json")
                .method(method, body);
        if (timeout != null) {
            rb.timeout(timeout);
        }
        if (token != null) {
            rb.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            rb.header("Content-Type", contentType);
        }
        String what = method + " " + API + path;

        try {
            HttpResponse<byte[]> response = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
            return RestAnswers.read(json, response, what, answerType);
        } catch (IOException e) {
            throw RestAnswers.noAnswer(e, baseUrl, what, requestTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, null, what + " was interrupted", e);
        }
    }

    private <T> T convert(JsonNode node, Class<T> type, String path) {
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new ApiException(200, null, "unexpected answer to GET " + API + path + ": " + e.getOriginalMessage(), e);
        }
    }

    private JavaType type(Class<?> c) {
        return json.getTypeFactory().constructType(c);
    }

    private JavaType pageOf(Class<?> item) {
        return json.getTypeFactory().constructParametricType(Page.class, item);
    }

    private static String segment(String value) {
        Objects.requireNonNull(value, "path parameter");
        if (value.isBlank()) {
            throw new IllegalArgumentException("path parameter must not be blank");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String normalize(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String s = baseUrl.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith(API)) {
            s = s.substring(0, s.length() - API.length());
        }
        URI uri = URI.create(s);
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("server URL must look like http://host:port, got '" + baseUrl + "'");
        }
        return s;
    }

    /** Builds a query string, leaving out null values. */
    private static final class Query {
        private final StringBuilder sb = new StringBuilder();

        Query add(String name, Object value) {
            if (value != null) {
                sb.append(sb.isEmpty() ? '?' : '&').append(name).append('=')
                        .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
            }
            return this;
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }

    // ---------------------------------------------------------------- builder

    public static final class Builder {
        private final String baseUrl;
        private String token;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private HttpClient httpClient;

        private Builder(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        /** Bearer token, sent as {@code Authorization: Bearer <token>}; null or blank for none. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** Default 5 s (ignored when an HttpClient is given). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Time for a whole REST request and its answer; default 30 s. Does not apply to streams. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Use this HttpClient (it is then not closed by {@link TaskstreamClient#close()}). */
        public Builder httpClient(HttpClient client) {
            this.httpClient = client;
            return this;
        }

        public TaskstreamClient build() {
            return new TaskstreamClient(this);
        }
    }
}
