package dev.taskstream.shared.client;

import static dev.taskstream.shared.client.TaskstreamClientTest.TASK;
import static dev.taskstream.shared.client.TaskstreamClientTest.TASK_JSON;
import static dev.taskstream.shared.client.TestHttpServer.event;
import static dev.taskstream.shared.client.TestHttpServer.json;
import static dev.taskstream.shared.client.TestHttpServer.respond;
import static dev.taskstream.shared.client.TestHttpServer.startSse;
import static dev.taskstream.shared.client.TestHttpServer.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstream.shared.api.ErrorBody;
import dev.taskstream.shared.api.ProgressEvent;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TaskWatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String STREAM_PATH = "/api/v1/tasks/" + TASK + "/stream";

    private TestHttpServer server;
    private TaskstreamClient client;
    private TaskWatcher watcher;
    private final List<ProgressEvent> progress = new CopyOnWriteArrayList<>();
    private final List<TaskView> finished = new CopyOnWriteArrayList<>();
    private final List<ErrorBody> streamErrors = new CopyOnWriteArrayList<>();
    private final List<Throwable> reconnects = new CopyOnWriteArrayList<>();

    private final TaskWatcher.Listener listener = new TaskWatcher.Listener() {
        @Override
        public void onProgress(ProgressEvent p) {
            progress.add(p);
        }

        @Override
        public void onFinished(TaskView task) {
            finished.add(task);
        }

        @Override
        public void onStreamError(ErrorBody error) {
            streamErrors.add(error);
        }

        @Override
        public void onReconnecting(Throwable cause, Duration retryIn) {
            reconnects.add(cause);
        }
    };

    @AfterEach
    void tearDown() throws InterruptedException {
        if (watcher != null) {
            watcher.close();
            assertThat(watcher.awaitTermination(WAIT)).isTrue();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private TaskWatcher.Outcome watch(TestHttpServer.Handler handler) throws Exception {
        server = new TestHttpServer(handler);
        client = TaskstreamClient.create(server.baseUrl());
        watcher = TaskWatcher.watch(client, TASK, listener, b -> b.initialRetry(Duration.ofMillis(20)));
        return watcher.await(WAIT);
    }

    private static String progressJson(int pct, String message) {
        return "{\"id\":\"" + TASK + "\",\"name\":\"rebuild_communities\",\"status\":\"processing\",\"progress\":" + pct
                + ",\"message\":\"" + message + "\",\"result\":null,\"error\":null,"
                + "\"updated_at\":\"2025-11-25T07:00:0" + pct / 20 + "Z\"}";
    }

    private static String oneLine(String json) {
        return json.replace("\n", " ");
    }

    @Test
    void followsProgressAcrossAReconnectToTheFinalTaskView() throws Exception {
        TaskWatcher.Outcome outcome = watch((ex, i) -> {
            startSse(ex);
            write(ex, "retry: 20\n\n");
            if (i == 0) {
                event(ex, 1, "progress", progressJson(10, "Removing existing communities..."));
                event(ex, 2, "progress", progressJson(30, "Detecting communities..."));
                return; // dropped
            }
            event(ex, 3, "progress", progressJson(50, "Found 12 communities..."));
            event(ex, 4, "completed", oneLine(TASK_JSON));
        });

        assertThat(outcome).isInstanceOf(TaskWatcher.Outcome.Finished.class);
        TaskView t = ((TaskWatcher.Outcome.Finished) outcome).task();
        assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(t.result().path("communities_count").asInt()).isEqualTo(12);
        assertThat(progress).extracting(ProgressEvent::progress).containsExactly(10, 30, 50);
        assertThat(progress.get(1).message()).isEqualTo("Detecting communities...");
        assertThat(progress.get(0).status()).isEqualTo(TaskStatus.PROCESSING);
        assertThat(finished).containsExactly(t);
        assertThat(reconnects).hasSize(1);
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.request(1).header("Last-Event-ID")).isEqualTo("2");
        assertThat(watcher.lastEventId()).isEqualTo("4");
    }

    @Test
    void unknownTaskIsNotFound() throws Exception {
        TaskWatcher.Outcome outcome = watch((ex, i) ->
                json(ex, 404, "{\"error\":\"not_found\",\"detail\":\"no task " + TASK + "\"}"));

        assertThat(outcome).isEqualTo(new TaskWatcher.Outcome.NotFound(TASK,
                new ErrorBody("not_found", "no task " + TASK)));
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void noContentFetchesTheFinalStateOverRest() throws Exception {
        TaskWatcher.Outcome outcome = watch((ex, i) -> {
            if (ex.getRequestURI().getPath().equals(STREAM_PATH)) {
                respond(ex, 204, null, "");
            } else {
                json(ex, 200, TASK_JSON);
            }
        });

        assertThat(outcome).isInstanceOf(TaskWatcher.Outcome.Finished.class);
        assertThat(((TaskWatcher.Outcome.Finished) outcome).task().id()).isEqualTo(TASK);
        assertThat(server.request(1).uri().getPath()).isEqualTo("/api/v1/tasks/" + TASK);
        assertThat(finished).hasSize(1);
    }

    @Test
    void streamErrorEventIsReportedAndTheWatchGoesOn() throws Exception {
        TaskWatcher.Outcome outcome = watch((ex, i) -> {
            startSse(ex);
            event(ex, 1, "error", "{\"error\":\"database_unavailable\",\"detail\":\"retrying\"}");
            event(ex, 2, "failed", oneLine(TASK_JSON.replace("\"completed\",\"progress\"", "\"failed\",\"progress\"")));
        });

        assertThat(streamErrors).containsExactly(new ErrorBody("database_unavailable", "retrying"));
        assertThat(outcome).isInstanceOf(TaskWatcher.Outcome.Finished.class);
        assertThat(((TaskWatcher.Outcome.Finished) outcome).task().status()).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void serverErrorIsAFailedOutcome() throws Exception {
        TaskWatcher.Outcome outcome = watch((ex, i) -> json(ex, 500, "{\"error\":\"internal\",\"detail\":\"boom\"}"));

        assertThat(outcome).isInstanceOfSatisfying(TaskWatcher.Outcome.Failed.class, f -> {
            assertThat(f.message()).contains("500", "internal", "boom");
            assertThat(f.reason().status()).isEqualTo(500);
        });
    }

    @Test
    void closingTheWatcherGivesClosed() throws Exception {
        server = new TestHttpServer((ex, i) -> {
            startSse(ex);
            event(ex, 1, "progress", progressJson(10, "Removing existing communities..."));
            server.waitForShutdown();
        });
        client = TaskstreamClient.create(server.baseUrl());
        java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
        watcher = TaskWatcher.watch(client, TASK, new TaskWatcher.Listener() {
            @Override
            public void onProgress(ProgressEvent p) {
                first.countDown();
            }
        });
        assertThat(first.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        watcher.close();

        assertThat(watcher.await(WAIT)).isEqualTo(new TaskWatcher.Outcome.Closed());
        assertThat(watcher.awaitTermination(WAIT)).isTrue();
    }
}
