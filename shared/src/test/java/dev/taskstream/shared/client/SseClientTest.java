package dev.taskstream.shared.client;

import static dev.taskstream.shared.client.TestHttpServer.event;
import static dev.taskstream.shared.client.TestHttpServer.json;
import static dev.taskstream.shared.client.TestHttpServer.respond;
import static dev.taskstream.shared.client.TestHttpServer.startSse;
import static dev.taskstream.shared.client.TestHttpServer.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstream.shared.api.ErrorBody;
import dev.taskstream.shared.api.StreamEvents;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class SseClientTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private TestHttpServer server;
    private SseClient client;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (client != null) {
            client.close();
            assertThat(client.awaitTermination(WAIT)).as("reader thread ended").isTrue();
        }
        if (server != null) {
            server.close();
        }
    }

    private SseClient.Builder builder() {
        return SseClient.builder(server.uri("/api/v1/tasks/t1/stream"))
                .initialRetry(Duration.ofMillis(20))
                .heartbeat(Duration.ofSeconds(10));
    }

    private static String progress(int pct) {
        return "{\"progress\":" + pct + "}";
    }

    @Test
    void receivesEventsInOrderAndStopsOnTerminalEventWithoutReconnecting() throws Exception {
        server = new TestHttpServer((ex, i) -> {
            startSse(ex);
            write(ex, "retry: 50\n\n: ping\n\n");
            for (int n = 1; n <= 5; n++) {
                event(ex, n, StreamEvents.PROGRESS, progress(n * 10));
            }
            event(ex, 6, StreamEvents.COMPLETED, "{\"status\":\"completed\"}");
            // the server ends the response after the terminal event, as DESIGN.md says
        });
        RecordingListener l = new RecordingListener();
        client = builder().stopOn(StreamEvents::isTerminal).connect(l);

        CloseReason reason = l.awaitClosed();

        assertThat(reason.kind()).isEqualTo(CloseReason.Kind.STOP_EVENT);
        assertThat(reason.isError()).isFalse();
        assertThat(l.ids()).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(l.events.get(0)).isEqualTo(new SseEvent("1", "progress", "{\"progress\":10}"));
        assertThat(l.events.get(5).event()).isEqualTo("completed");
        assertThat(l.comments).containsExactly("ping");
        assertThat(l.states).containsExactly(ConnectionState.CONNECTING, ConnectionState.OPEN, ConnectionState.CLOSED);
        assertThat(l.failures).isEmpty();
        assertThat(l.callbackThreads).as("all callbacks from one thread").hasSize(1);
        assertThat(client.awaitTermination(WAIT)).isTrue();
        assertThat(server.connections()).isEqualTo(1);
        assertThat(client.lastEventId()).isEqualTo("6");
        assertThat(client.retryDelay()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void sendsAcceptCacheControlAuthorizationAndInitialLastEventId() throws Exception {
        server = new TestHttpServer((ex, i) -> {
            startSse(ex);
            event(ex, 8, StreamEvents.CANCELLED, "{}");
        });
        RecordingListener l = new RecordingListener();
        client = builder().bearerToken("s3cret").lastEventId("7").stopOn(StreamEvents::isTerminal).connect(l);

        assertThat(l.awaitClosed().kind()).isEqualTo(CloseReason.Kind.STOP_EVENT);
        TestHttpServer.Request r = server.request(0);
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.header("Accept")).isEqualTo("text/event-stream");
        assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(r.header("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(r.header("Last-Event-ID")).isEqualTo("7");
    }

    @Test
    void reconnectAfterDropSendsLastEventIdAndLosesNothing() throws Exception {
        // A tiny event log the "server" replays from, like the real one does from its database.
        List<String> log = List.of("p10", "p20", "p30", "p40", "p50", "p60");
        server = new TestHttpServer((ex, i) -> {
            String last = ex.getRequestHeaders().getFirst("Last-Event-ID");
            int from = last == null ? 1 : Integer.parseInt(last) + 1;
            startSse(ex);
            write(ex, "retry: 50\n\n");
            if (i == 0) {
                for (int id = from; id <= 3; id++) {
                    event(ex, id, StreamEvents.PROGRESS, log.get(id - 1));
                }
                write(ex, "id: 4\nevent: progress\ndata: p40-half-writ"); // dropped mid-event
                return;
            }
            for (int id = from; id <= log.size(); id++) {
                event(ex, id, StreamEvents.PROGRESS, log.get(id - 1));
            }
            event(ex, 7, StreamEvents.COMPLETED, "done");
        });
        RecordingListener l = new RecordingListener();
        client = builder().initialRetry(Duration.ofSeconds(30)).stopOn(StreamEvents::isTerminal).connect(l);

        assertThat(l.awaitClosed().kind()).isEqualTo(CloseReason.Kind.STOP_EVENT);

        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.request(0).header("Last-Event-ID")).isNull();
        assertThat(server.request(1).header("Last-Event-ID")).isEqualTo("3");
        assertThat(l.ids()).containsExactly("1", "2", "3", "4", "5", "6", "7");
        assertThat(l.events).extracting(SseEvent::data)
                .containsExactly("p10", "p20", "p30", "p40", "p50", "p60", "done");
        assertThat(l.opens).isEqualTo(2);
        assertThat(l.failures).singleElement().isInstanceOf(java.io.EOFException.class);
        assertThat(l.states).containsExactly(ConnectionState.CONNECTING, ConnectionState.OPEN,
                ConnectionState.RECONNECTING, ConnectionState.OPEN, ConnectionState.CLOSED);
    }

    @Test
    void serverRetryValueIsTheReconnectDelay() throws Exception {
        server = new TestHttpServer((ex, i) -> {
            startSse(ex);
            if (i == 0) {
                write(ex, "retry: 50\n\n");
            } else {
                event(ex, 1, StreamEvents.COMPLETED, "{}");
            }
        });
        RecordingListener l = new RecordingListener();
        long start = System.nanoTime();
        // Without honouring retry: the client would wait a minute before the second connection.
        client = builder().initialRetry(Duration.ofMinutes(1)).stopOn(StreamEvents::isTerminal).connect(l);

        assertThat(l.awaitClosed().kind()).isEqualTo(CloseReason.Kind.STOP_EVENT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(l.retryDelays).singleElement()
                .satisfies(d -> assertThat(d.toMillis()).isBetween(50L, 62L));
    }

    @Test
    void noContentStopsWithoutReconnect() throws Exception {
        server = new TestHttpServer((ex, i) -> respond(ex, 204, null, ""));
        RecordingListener l = new RecordingListener();
        client = builder().connect(l);

        CloseReason reason = l.awaitClosed();

        assertThat(reason.kind()).isEqualTo(CloseReason.Kind.NO_CONTENT);
        assertThat(reason.status()).isEqualTo(204);
        assertThat(reason.isError()).isFalse();
        assertThat(client.awaitTermination(WAIT)).isTrue();
        assertThat(server.connections()).isEqualTo(1);
        assertThat(l.opens).isZero();
        assertThat(l.failures).isEmpty();
    }

    @Test
    void terminalEventWithoutStopConditionEndsWith204OnTheReconnect() throws Exception {
        server = new TestHttpServer((ex, i) -> {
            if ("2".equals(ex.getRequestHeaders().getFirst("Last-Event-ID"))) {
                respond(ex, 204, null, "");
                return;
            }
            startSse(ex);
            write(ex, "retry: 10\n\n");
            event(ex, 1, StreamEvents.PROGRESS, "{}");
            event(ex, 2, StreamEvents.FAILED, "{}");
        });
        RecordingListener l = new RecordingListener();
        client = builder().connect(l);

        assertThat(l.awaitClosed().kind()).isEqualTo(CloseReason.Kind.NO_CONTENT);
        assertThat(server.connections()).isEqualTo(2);
        assertThat(l.ids()).containsExactly("1", "2");
    }

    @Test
    void notFoundWithJsonBodyStopsAndReportsTheBody() throws Exception {
        server = new TestHttpServer((ex, i) ->
                json(ex, 404, "{\"error\":\"not_found\",\"detail\":\"no task 42\"}"));
        RecordingListener l = new RecordingListener();
        client = builder().connect(l);

        CloseReason reason = l.awaitClosed();

        assertThat(reason.kind()).isEqualTo(CloseReason.Kind.HTTP_ERROR);
        assertThat(reason.status()).isEqualTo(404);
        assertThat(reason.errorBody()).isEqualTo(new ErrorBody("not_found", "no task 42"));
        assertThat(reason.message()).contains("404", "not_found", "no task 42");
        assertThat(client.awaitTermination(WAIT)).isTrue();
        assertThat(server.connections()).isEqualTo(1);
        assertThat(l.failures).isEmpty();
        assertThat(l.states).containsExactly(ConnectionState.CONNECTING, ConnectionState.CLOSED);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 500})
    void otherErrorStatusesStopWithoutReconnect(int status) throws Exception {
        server = new TestHttpServer((ex, i) -> respond(ex, status, "text/plain", "nope"));
        RecordingListener l = new RecordingListener();
        client = builder().connect(l);

        CloseReason reason = l.awaitClosed();

        assertThat(reason.kind()).isEqualTo(CloseReason.Kind.HTTP_ERROR);
        assertThat(reason.status()).isEqualTo(status);
        assertThat(reason.errorBody()).isNull();
        assertThat(reason.message()).contains(String.valueOf(status), "nope");
        assertThat(client.awaitTermination(WAIT)).isTrue();
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void wrongContentTypeStops() throws Exception {
        server = new TestHttpServer((ex, i) -> json(ex, 200, "{\"id\":\"x\"}"));
        RecordingListener l = new RecordingListener();
        client = builder().connect(l);

        CloseReason reason = l.awaitClosed();

        assertThat(reason.kind()).isEqualTo(CloseReason.Kind.BAD_CONTENT_TYPE);
        assertThat(reason.message()).contains("application/json");
        assertThat(client.awaitTermination(WAIT)).isTrue();
        assertThat(server.connections()).isEqualTo(1);
        assertThat(l.events).isEmpty();
    }

    @Test
    void serviceUnavailableIsRetriedWithBackoff() throws Exception {
        server = new TestHttpServer((ex, i) -> {
            if (i < 2) {
                json(ex, 503, "{\"error\":\"unavailable\",\"detail\":\"restarting\"}");
                return;
            }
            startSse(ex);
            event(ex, 1, StreamEvents.COMPLETED, "{}");
        });
        RecordingListener l = new RecordingListener();
        client = builder().stopOn(StreamEvents::isTerminal).connect(l);

        assertThat(l.awaitClosed().kind()).isEqualTo(CloseReason.Kind.STOP_EVENT);
        assertThat(server.connections()).isEqualTo(3);
        assertThat(l.failures).hasSize(2).allSatisfy(f -> {
            assertThat(f).isInstanceOf(SseHttpException.class);
            assertThat(((SseHttpException) f).status()).isEqualTo(503);
            assertThat(((SseHttpException) f).errorBody()).isEqualTo(new ErrorBody("unavailable", "restarting"));
        });
        // exponential: the second delay is about twice the first (20 ms base, 25 % jitter)
        assertThat(l.retryDelays.get(0).toMillis()).isBetween(20L, 25L);
        assertThat(l.retryDelays.get(1).toMillis()).isBetween(40L, 50L);
    }

    @Test
    void serviceUnavailableStopsWhenTransientRetryIsOff() throws Exception {
        server = new TestHttpServer((ex, i) -> json(ex, 503, "{\"error\":\"unavailable\"}"));
        RecordingListener l = new RecordingListener();
        client = builder().retryTransientStatuses(false).connect(l);

        CloseReason reason = l.awaitClosed();
        assertThat(reason.kind()).isEqualTo(CloseReason.Kind.HTTP_ERROR);
        assertThat(reason.status()).isEqualTo(503);
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void idleWatchdogReconnectsWhenTheServerGoesSilent() throws Exception {
        server = new TestHttpServer((ex, i) -> {
            startSse(ex);
            write(ex, "retry: 10\n\n");
            if (i == 0) {
                event(ex, 1, StreamEvents.PROGRESS, "{}");
                server.waitForShutdown(); // silent: no events, no pings, connection kept open
                return;
            }
            event(ex, 2, StreamEvents.COMPLETED, "{}");
        });
        RecordingListener l = new RecordingListener();
        // idle timeout 3 x 200 ms = 600 ms
        client = builder().heartbeat(Duration.ofMillis(200)).stopOn(StreamEvents::isTerminal).connect(l);

        assertThat(l.awaitClosed().kind()).isEqualTo(CloseReason.Kind.STOP_EVENT);
        assertThat(l.failures).singleElement().isInstanceOf(SseIdleTimeoutException.class);
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.request(1).header("Last-Event-ID")).isEqualTo("1");
        assertThat(l.ids()).containsExactly("1", "2");
    }

    @Test
    void heartbeatCommentsKeepAnIdleStreamAlive() throws Exception {
        server = new TestHttpServer((ex, i) -> {
            startSse(ex);
            for (int n = 0; n < 12; n++) {
                write(ex, ": ping\n\n");
                Thread.sleep(50); // pacing the server, not an assertion
            }
            event(ex, 1, StreamEvents.COMPLETED, "{}");
        });
        RecordingListener l = new RecordingListener();
        // idle timeout 3 x 500 ms = 1.5 s, far above the 50 ms ping pace; the whole stream lasts ~600 ms, so
        // without the pings the watchdog would not fire either - the point is that pings never trigger a reconnect
        client = builder().heartbeat(Duration.ofMillis(500)).stopOn(StreamEvents::isTerminal).connect(l);

        assertThat(l.awaitClosed().kind()).isEqualTo(CloseReason.Kind.STOP_EVENT);
        assertThat(l.failures).isEmpty();
        assertThat(server.connections()).isEqualTo(1);
        assertThat(l.comments).hasSize(12).containsOnly("ping");
    }

    @Test
    void aSlowListenerIsNotMistakenForASilentServer() throws Exception {
        server = new TestHttpServer((ex, i) -> {
            startSse(ex);
            event(ex, 1, StreamEvents.PROGRESS, "{}");
            event(ex, 2, StreamEvents.COMPLETED, "{}");
        });
        RecordingListener l = new RecordingListener() {
            @Override
            public void onEvent(SseEvent event) {
                super.onEvent(event);
                if (event.id().equals("1")) {
                    try {
                        Thread.sleep(800); // simulates a consumer busy for longer than the 300 ms idle timeout
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        client = builder().heartbeat(Duration.ofMillis(100)).stopOn(StreamEvents::isTerminal).connect(l);

        assertThat(l.awaitClosed().kind()).isEqualTo(CloseReason.Kind.STOP_EVENT);
        assertThat(l.failures).isEmpty();
        assertThat(l.ids()).containsExactly("1", "2");
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void closeStopsPromptlyDisconnectsAndLeavesNoThreadBehind() throws Exception {
        CountDownLatch clientGone = new CountDownLatch(1);
        server = new TestHttpServer((ex, i) -> {
            startSse(ex);
            event(ex, 1, StreamEvents.PROGRESS, "{}");
            try {
                while (true) {
                    write(ex, ": ping\n\n");
                    Thread.sleep(20);
                }
            } catch (IOException gone) {
                clientGone.countDown();
            }
        });
        List<Thread> threads = new CopyOnWriteArrayList<>();
        ThreadFactory recording = r -> {
            Thread t = Thread.ofVirtual().unstarted(r);
            threads.add(t);
            return t;
        };
        RecordingListener l = new RecordingListener();
        client = builder().heartbeat(Duration.ofSeconds(5)).threadFactory(recording).connect(l);
        l.awaitOpen();

        long start = System.nanoTime();
        client.close();
        client.close(); // idempotent
        assertThat(client.awaitTermination(WAIT)).isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(l.awaitClosed().kind()).isEqualTo(CloseReason.Kind.CLIENT_CLOSED);
        assertThat(l.closedCalls).isEqualTo(1);
        assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(threads).hasSizeGreaterThanOrEqualTo(2); // reader + watchdog
        for (Thread t : threads) {
            t.join(WAIT);
            assertThat(t.isAlive()).as("thread %s", t).isFalse();
        }
        assertThat(clientGone.await(20, TimeUnit.SECONDS)).as("server saw the disconnect").isTrue();
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void closeFromTheListenerWorks() throws Exception {
        server = new TestHttpServer((ex, i) -> {
            startSse(ex);
            for (int n = 1; n <= 3; n++) {
                event(ex, n, StreamEvents.PROGRESS, "{}");
            }
            server.waitForShutdown();
        });
        RecordingListener l = new RecordingListener() {
            @Override
            public void onEvent(SseEvent event) {
                super.onEvent(event);
                client.close();
            }
        };
        client = builder().connect(l);

        assertThat(l.awaitClosed().kind()).isEqualTo(CloseReason.Kind.CLIENT_CLOSED);
        assertThat(client.awaitTermination(WAIT)).isTrue();
        assertThat(l.ids()).containsExactly("1");
    }

    @Test
    void unreachableServerIsRetriedThenGivesUpWithAClearReason() throws Exception {
        URI dead = deadUri();
        RecordingListener l = new RecordingListener();
        client = SseClient.builder(dead).initialRetry(Duration.ofMillis(10)).maxReconnectAttempts(2).connect(l);

        CloseReason reason = l.awaitClosed();

        assertThat(reason.kind()).isEqualTo(CloseReason.Kind.RETRIES_EXHAUSTED);
        assertThat(reason.message()).contains("connection refused");
        assertThat(l.failures).hasSize(2);
        assertThat(l.states).containsExactly(ConnectionState.CONNECTING, ConnectionState.RECONNECTING,
                ConnectionState.CLOSED);
    }

    @Test
    void closeDuringBackoffIsPrompt() throws Exception {
        RecordingListener l = new RecordingListener();
        client = SseClient.builder(deadUri()).initialRetry(Duration.ofMinutes(5)).connect(l);
        assertThat(l.firstFailure.await(20, TimeUnit.SECONDS)).isTrue(); // now sleeping for ~5 minutes

        long start = System.nanoTime();
        client.close();
        assertThat(client.awaitTermination(WAIT)).isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(l.awaitClosed().kind()).isEqualTo(CloseReason.Kind.CLIENT_CLOSED);
    }

    @Test
    void backoffIsExponentialWithBoundedJitter() {
        assertThat(SseClient.backoffMillis(100, 30_000, 1, 0.0)).isEqualTo(100);
        assertThat(SseClient.backoffMillis(100, 30_000, 1, 0.999)).isEqualTo(124);
        assertThat(SseClient.backoffMillis(100, 30_000, 2, 0.0)).isEqualTo(200);
        assertThat(SseClient.backoffMillis(100, 30_000, 4, 0.0)).isEqualTo(800);
        assertThat(SseClient.backoffMillis(100, 30_000, 20, 0.5)).isEqualTo(30_000);
        assertThat(SseClient.backoffMillis(100, 30_000, Integer.MAX_VALUE, 0.9)).isEqualTo(30_000);
        // a server retry above the cap still wins
        assertThat(SseClient.backoffMillis(60_000, 30_000, 3, 0.5)).isEqualTo(60_000);
        // retry: 0 is honoured once, then the delay grows from a 10 ms floor instead of staying 0
        assertThat(SseClient.backoffMillis(0, 30_000, 1, 0.5)).isZero();
        assertThat(SseClient.backoffMillis(0, 30_000, 2, 0.0)).isEqualTo(20);
        assertThat(SseClient.backoffMillis(0, 30_000, 3, 0.0)).isEqualTo(40);
    }

    @Test
    void contentTypeCheckIgnoresParametersAndCase() {
        assertThat(SseClient.isEventStream("text/event-stream")).isTrue();
        assertThat(SseClient.isEventStream("Text/Event-Stream; charset=utf-8")).isTrue();
        assertThat(SseClient.isEventStream("text/plain")).isFalse();
        assertThat(SseClient.isEventStream("")).isFalse();
    }

    private static URI deadUri() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort() + "/api/v1/tasks/stream");
        }
    }
}
