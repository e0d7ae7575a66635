package dev.taskstream.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.RawSse;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The heartbeat keeps its promise: on a silent stream a {@code : ping} every heartbeat, not a quarter later (issue
 * 24 measured 18.75 s for 15 s, so a proxy with a 16 s idle timeout cut streams the docs called safe). HTTP-level;
 * the database plays no part.
 *
 * <p>The issue asks for gaps within 0.5 s of the setting, measured between consecutive pings as a raw SSE reader
 * sees them. A loaded machine can deliver one ping late (and the next one then early by as much), so the test asserts
 * the median gap, and that all gaps but one are within 0.5 s; none may be more than 0.5 s early.
 */
class HeartbeatTimingTest {
    private static final double TOLERANCE_SECONDS = 0.5;

    @ParameterizedTest(name = "heartbeat {0} s")
    @ValueSource(ints = {3, 15})
    void pingsComeOnceEveryHeartbeat(int seconds) throws Exception {
        int gaps = seconds <= 3 ? 6 : 3;
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2);
             TaskstreamServer server = TestServer.start(db, s -> s.withHeartbeat(Duration.ofSeconds(seconds)))) {
            String id = new Http(server.baseUrl()).post("/api/v1/tasks", "{\"name\":\"test_hold\"}").json()
                    .get("task_id").asText();
            List<Long> pingNanos = new ArrayList<>();
            try (RawSse sse = RawSse.open(server.baseUrl(), "/api/v1/tasks/" + id + "/stream")) {
                assertThat(sse.nextEvent()).isNotNull(); // the task's current state
                while (pingNanos.size() <= gaps) {
                    RawSse.Block b = sse.next();
                    assertThat(b).as("stream ended").isNotNull();
                    if (b.isEvent()) {
                        pingNanos.clear(); // the task's start (it was pending): measure from the next ping on
                    } else if (b.comments().contains("ping")) {
                        pingNanos.add(System.nanoTime());
                    }
                }
            }
            List<Double> gapSeconds = new ArrayList<>();
            for (int i = 1; i < pingNanos.size(); i++) {
                gapSeconds.add((pingNanos.get(i) - pingNanos.get(i - 1)) / 1e9);
            }
            List<Double> sorted = gapSeconds.stream().sorted().toList();
            double median = sorted.get(sorted.size() / 2);
            System.out.printf("heartbeat %d s: gaps %s%n", seconds, gapSeconds);
            assertThat(median).as("median gap of %s", gapSeconds).isCloseTo(seconds, org.assertj.core.api.Assertions
                    .within(TOLERANCE_SECONDS));
            assertThat(gapSeconds).as("no ping more than 0.5 s early").allMatch(g -> g >= seconds - TOLERANCE_SECONDS);
            assertThat(gapSeconds.stream().filter(g -> Math.abs(g - seconds) <= TOLERANCE_SECONDS).count())
                    .as("gaps within 0.5 s: %s", gapSeconds).isGreaterThanOrEqualTo(gapSeconds.size() - 1L);
        }
    }
}
