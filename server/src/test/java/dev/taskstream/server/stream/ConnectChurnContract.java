package dev.taskstream.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.RawSse;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** 1,000 concurrent stream connects and disconnects, in rounds: nothing leaks. */
abstract class ConnectChurnContract {
    private static final int CLIENTS = 1_000;
    private static final int ROUNDS = 4;

    abstract TestDatabase.Kind kind();

    @Test
    void connectAndDisconnectInALoopLeaksNothing() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (TestDatabase db = TestDatabase.create(kind());
             TaskstreamServer server = TestServer.start(db, s -> s.withHeartbeat(Duration.ofMillis(200)))) {
            Http http = new Http(server.baseUrl());
            String id = http.post("/api/v1/tasks", "{\"name\":\"test_hold\"}").json().get("task_id").asText();
            long[] heapAfterRound = new long[ROUNDS];
            int[] threadsAfterRound = new int[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<Boolean>> clients = new ArrayList<>();
                    for (int i = 0; i < CLIENTS; i++) {
                        boolean allTasks = i % 5 == 0;
                        clients.add(pool.submit(() -> {
                            String path = allTasks ? "/api/v1/tasks/stream" : "/api/v1/tasks/" + id + "/stream";
                            try (RawSse sse = RawSse.open(server.baseUrl(), path)) {
                                return sse.status() == 200 && sse.nextEvent() != null;
                            }
                        }));
                    }
                    for (Future<Boolean> c : clients) {
                        assertThat(c.get()).isTrue();
                    }
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> server.metrics().streamsOpen() == 0);
                System.gc();
                heapAfterRound[round] = memory.getHeapMemoryUsage().getUsed();
                threadsAfterRound[round] = threads.getThreadCount();
            }
            // Platform threads do not grow with the rounds (streams run on virtual threads)...
            assertThat(threadsAfterRound[ROUNDS - 1]).isLessThanOrEqualTo(threadsAfterRound[0] + 5);
            // ...nor does the heap, beyond noise: 4,000 streams came and went.
            assertThat(heapAfterRound[ROUNDS - 1]).isLessThan(heapAfterRound[0] + 64L * 1024 * 1024);
            // ...and the pool has every connection back.
            assertThat(http.get("/api/v1/health").json().get("database").asText()).isEqualTo("up");
            String metrics = http.get("/metrics").body();
            assertThat(metrics).contains("taskstream_streams_open 0.0");
            System.out.printf("churn (%s): heap after rounds %s MB, platform threads %s%n", kind(),
                    java.util.Arrays.stream(heapAfterRound).map(b -> b / (1024 * 1024)).boxed().toList(),
                    java.util.Arrays.toString(threadsAfterRound));
            http.post("/api/v1/tasks/" + id + "/cancel", "");
        }
    }
}
