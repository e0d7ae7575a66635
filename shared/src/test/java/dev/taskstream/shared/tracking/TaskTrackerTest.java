package dev.taskstream.shared.tracking;

import static dev.taskstream.shared.client.TestHttpServer.event;
import static dev.taskstream.shared.client.TestHttpServer.json;
import static dev.taskstream.shared.client.TestHttpServer.startSse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.client.TaskstreamClient;
import dev.taskstream.shared.client.TestHttpServer;
import dev.taskstream.shared.tracking.TrackedTask.Connection;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tracker's connection policy against a real HTTP server that plays the task API (REST and stream). */
class TaskTrackerTest {
    private static final UUID TASK = UUID.fromString("0b9e6f3c-3f8a-4a43-9d7e-3d1a6b2f0c11");
    private static final String TASK_PATH = "/api/v1/tasks/" + TASK;
    private static final String STREAM_PATH = TASK_PATH + "/stream";
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Fast polls; the stream is not retried unless a test says so. */
    private static final TrackingOptions FAST = TrackingOptions.defaults()
            .withPollInterval(Duration.ofMillis(100)).withStreamRetryInterval(Duration.ZERO);

    private final List<TrackedTask> seen = new CopyOnWriteArrayList<>();
    private TestHttpServer server;
    private TaskstreamClient client;
    private TaskTracker tracker;

    @AfterEach
    void tearDown() {
        if (tracker != null) {
            tracker.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private TaskTracker track(TrackingOptions options, TestHttpServer.Handler handler) throws Exception {
        server = new TestHttpServer(handler);
        client = TaskstreamClient.create(server.baseUrl());
        tracker = TaskTracker.start(client, TASK, options, Instant::now, seen::add);
        return tracker;
    }

    private static String task(String status, int progress, String message) {
        return "{\"id\":\"" + TASK + "\",\"name\":\"rebuild_communities\",\"project_id\":\"demo\",\"status\":\""
                + status + "\",\"progress\":" + progress + ",\"message\":\"" + message + "\","
                + "\"result\":" + (status.equals("completed") ? "{\"communities_count\":12}" : "null")
                + ",\"error\":null,\"created_at\":\"2025-11-25T07:00:00Z\",\"started_at\":\"2025-11-25T07:00:01Z\","
                + "\"completed_at\":" + (status.equals("processing") ? "null" : "\"2025-11-25T07:00:09Z\"")
                + ",\"updated_at\":\"2025-11-25T07:00:09Z\",\"worker_id\":\"w\",\"attempt\":1}";
    }

    private static String progress(int pct, String message) {
        return "{\"id\":\"" + TASK + "\",\"name\":\"rebuild_communities\",\"status\":\"processing\",\"progress\":"
                + pct + ",\"message\":\"" + message + "\",\"result\":null,\"error\":null,"
                + "\"updated_at\":\"2025-11-25T07:00:05Z\"}";
    }

    private static boolean isStream(HttpExchange ex) {
        return ex.getRequestURI().getPath().equals(STREAM_PATH);
    }

    private List<Connection> connections() {
        return seen.stream().map(TrackedTask::connection).distinct().toList();
    }

    @Test
    void followsTheStreamLiveToTheEnd() throws Exception {
        TrackedTask end = track(FAST, (ex, i) -> {
            if (!isStream(ex)) {
                json(ex, 200, task("processing", 5, "Starting"));
                return;
            }
            startSse(ex);
            event(ex, 1, "progress", progress(40, "Detecting communities..."));
            event(ex, 2, "completed", task("completed", 100, "Community rebuild completed"));
        }).over().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(end.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(end.connection()).isEqualTo(Connection.ENDED);
        assertThat(end.result().path("communities_count").asInt()).isEqualTo(12);
        assertThat(end.name()).isEqualTo("rebuild_communities");
        assertThat(end.startedAt()).isEqualTo(Instant.parse("2025-11-25T07:00:01Z"));
        assertThat(end.completedAt()).isEqualTo(Instant.parse("2025-11-25T07:00:09Z"));
        assertThat(seen).extracting(TrackedTask::progress).contains(5, 40, 100);
        assertThat(connections()).startsWith(Connection.CONNECTING).contains(Connection.LIVE).endsWith(Connection.ENDED);
        assertThat(connections()).doesNotContain(Connection.POLLING);
        assertThat(seen.getLast()).isEqualTo(end);
    }

    @Test
    void pollsWhenTheStreamAnswersAnErrorAndSeesTheEnd() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        TrackedTask end = track(FAST, (ex, i) -> {
            if (isStream(ex)) {
                json(ex, 500, "{\"error\":\"internal_error\",\"detail\":\"boom\"}");
            } else if (polls.incrementAndGet() < 5) {
                json(ex, 200, task("processing", polls.get() * 10, "Working"));
            } else {
                json(ex, 200, task("completed", 100, "Done"));
            }
        }).over().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(end.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(end.connection()).isEqualTo(Connection.ENDED);
        assertThat(end.connectionDetail()).contains("polling");
        assertThat(connections()).contains(Connection.POLLING).doesNotContain(Connection.LIVE);
        assertThat(seen).filteredOn(t -> t.connection() == Connection.POLLING).first()
                .satisfies(t -> assertThat(t.connectionDetail()).contains("500", "boom", "checking every"));
        assertThat(seen).extracting(TrackedTask::progress).contains(20, 30, 100);
    }

    @Test
    void aStream404ForAKnownTaskMeansPollingNotAnUnknownTask() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        TrackedTask end = track(FAST, (ex, i) -> {
            if (isStream(ex)) {
                json(ex, 404, "{\"error\":\"not_found\",\"detail\":\"no such endpoint\",\"code\":\"no_such_endpoint\"}");
            } else {
                json(ex, 200, reads.incrementAndGet() < 4 ? task("processing", 50, "Working") : task("cancelled", 50, "Stopped"));
            }
        }).over().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(end.notFound()).isFalse();
        assertThat(end.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(connections()).contains(Connection.POLLING);
    }

    @Test
    void anUnknownTaskEndsTheTracking() throws Exception {
        TrackedTask end = track(FAST, (ex, i) -> json(ex, 404,
                "{\"error\":\"not_found\",\"detail\":\"no task " + TASK + "\",\"code\":\"task_not_found\"}"))
                .over().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(end.notFound()).isTrue();
        assertThat(end.error()).contains("does not know");
        assertThat(end.connection()).isEqualTo(Connection.ENDED);
        assertThat(server.connections()).isEqualTo(1); // no stream for a task the server does not know
    }

    @Test
    void triesTheStreamAgainWhilePollingAndGoesLive() throws Exception {
        AtomicBoolean repaired = new AtomicBoolean();
        AtomicInteger streamAttempts = new AtomicInteger();
        CountDownLatch more = new CountDownLatch(1);
        TrackingOptions options = FAST.withStreamRetryInterval(Duration.ofMillis(200))
                .withStreamUri(id -> URI.create(server.baseUrl() + STREAM_PATH));
        track(options, (ex, i) -> {
            if (!isStream(ex)) {
                json(ex, 200, task("processing", 10, "Working"));
                return;
            }
            streamAttempts.incrementAndGet();
            if (!repaired.get()) {
                json(ex, 200, "{\"status\":\"up\"}"); // a proxy's JSON instead of an event stream
                return;
            }
            startSse(ex);
            event(ex, 1, "progress", progress(60, "Live again"));
            if (more.await(20, TimeUnit.SECONDS)) {
                event(ex, 2, "progress", progress(80, "Still live"));
            }
            server.waitForShutdown();
        });
        await().atMost(WAIT).until(() -> tracker.snapshot().connection() == Connection.POLLING);
        assertThat(tracker.snapshot().connectionDetail()).contains("text/event-stream", "trying the stream again");
        await().atMost(WAIT).until(() -> streamAttempts.get() >= 3);
        assertThat(tracker.snapshot().connection()).isEqualTo(Connection.POLLING);

        repaired.set(true);
        await().atMost(WAIT).until(() -> tracker.snapshot().connection() == Connection.LIVE
                && tracker.snapshot().progress() == 60);
        assertThat(tracker.snapshot().connectionDetail()).startsWith("Live again");
        int attemptsWhenLive = streamAttempts.get();

        // live: the stream carries the progress, and it is not retried any more
        more.countDown();
        await().atMost(WAIT).until(() -> tracker.snapshot().progress() == 80);
        assertThat(tracker.snapshot().connection()).isEqualTo(Connection.LIVE);
        assertThat(streamAttempts.get()).isEqualTo(attemptsWhenLive);
    }

    @Test
    void aServerThatKeepsFailingTheStreamGoesOfflineAfterAFewAttempts() throws Exception {
        TrackingOptions options = new TrackingOptions(Duration.ofMillis(100), 2, Duration.ofMillis(50), null,
                Duration.ZERO);
        track(options, (ex, i) -> {
            if (isStream(ex)) {
                json(ex, 503, "{\"error\":\"service_unavailable\",\"detail\":\"restarting\"}");
            } else {
                json(ex, 200, task("processing", 10, "Working"));
            }
        });

        await().atMost(WAIT).until(() -> tracker.snapshot().connection() == Connection.OFFLINE);
        assertThat(connections()).contains(Connection.RECONNECTING);
        assertThat(tracker.snapshot().connectionDetail()).contains("not answering", server.baseUrl(), "restarting");
        assertThat(tracker.over()).isNotDone();
    }

    @Test
    void cancelAsksTheServerAndClosingStopsThePublishing() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        track(FAST, (ex, i) -> {
            if (ex.getRequestMethod().equals("POST")) {
                cancelled.set(true);
                json(ex, 200, task("processing", 30, "Working"));
            } else if (isStream(ex)) {
                startSse(ex);
                event(ex, 1, "progress", progress(30, "Working"));
                server.waitForShutdown();
            } else {
                json(ex, 200, task("processing", 30, "Working"));
            }
        });
        await().atMost(WAIT).until(() -> tracker.snapshot().connection() == Connection.LIVE);

        tracker.cancel();
        await().atMost(WAIT).until(() -> cancelled.get()
                && tracker.snapshot().notice() != null && tracker.snapshot().notice().startsWith("Cancel requested"));
        assertThat(tracker.snapshot().cancelRequested()).isTrue();

        tracker.close();
        int published = seen.size();
        tracker.cancel();
        assertThat(seen).hasSize(published);
    }
}
