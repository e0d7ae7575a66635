package dev.taskstream.server.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.testing.FuzzRequests;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.RawSse;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Mixed hostile and concurrent load on one server for about a minute (issue 13): streams connecting and
 * disconnecting, rebuilds, cancels and retries racing, small imports, fuzz requests, slow clients. Never
 * a 5xx, health stays fast, and afterwards nothing is stuck, no stream open and the heap back down.
 */
abstract class SoakContract {
    /** Seconds of load; the whole test (start, load, drain) stays around a minute per database. */
    private static final long LOAD_SECONDS = Long.getLong("taskstream.soak.seconds", 40);
    private static final Duration DRAIN = Duration.ofSeconds(60);
    private static final long HEAP_MARGIN_BYTES = 256L * 1024 * 1024;
    private static final List<String> PROJECTS = List.of("soak-0", "soak-1", "soak-2");
    private static final Pattern TASK_ID = Pattern.compile("\"task_id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Queue<String> serverErrors = new ConcurrentLinkedQueue<>();
    private final Queue<Long> healthNanos = new ConcurrentLinkedQueue<>();
    private final List<String> taskIds = new CopyOnWriteArrayList<>();
    private final LongAdder ioErrors = new LongAdder();
    private final AtomicInteger newProjects = new AtomicInteger();
    private Http http;
    private String base;

    abstract TestDatabase.Kind kind();

    @Test
    void mixedLoadNeverFailsAndLeavesNothingBehind() throws Exception {
        try (TestDatabase db = TestDatabase.create(kind());
             TaskstreamServer server = TestServer.start(db, s -> s.withWorkers(2).withHeartbeat(Duration.ofMillis(500)))) {
            base = server.baseUrl();
            http = new Http(base);
            for (String p : PROJECTS) {
                record(http.post("/api/v1/projects/" + p + "/graph", graph(p)), "import " + p);
            }
            // The fuzz corpus and the task clients pick from known ids: there is one from the start.
            remember(http.post("/api/v1/tasks", "{\"name\":\"test_fail\"}"), "POST /tasks test_fail");
            long heapBefore = usedHeapAfterGc();
            long deadline = System.nanoTime() + Duration.ofSeconds(LOAD_SECONDS).toNanos();
            FuzzRequests fuzz = new FuzzRequests(URI.create(base), taskIds, List.of());
            List<Client> clients = List.of(this::health, this::streams, this::streams, this::tasks, this::tasks,
                    this::rebuilds, this::imports, r -> fuzz(fuzz, r), this::slowStream, this::slowUpload);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < clients.size(); i++) {
                    Client client = clients.get(i);
                    Random random = new Random(1313L * (i + 1) + kind().ordinal());
                    running.add(pool.submit(() -> {
                        while (System.nanoTime() < deadline) {
                            try {
                                client.step(random);
                            } catch (IOException | java.io.UncheckedIOException e) {
                                ioErrors.increment(); // e.g. a slow stream the server dropped
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            }
            long p99 = percentile99Millis();
            System.out.printf("soak (%s): %d s, requests by status %s, %d I/O errors, %d health checks, "
                    + "health p99 %d ms%n", kind(), LOAD_SECONDS, statusCounts(), ioErrors.sum(), healthNanos.size(), p99);

            assertThat(serverErrors).as("5xx answers").isEmpty();
            assertThat(healthNanos).as("health checks made").hasSizeGreaterThan(10);
            assertThat(p99).as("/api/v1/health p99 in ms").isLessThan(1000);
            await().atMost(DRAIN).until(() -> total("?status=processing") == 0 && total("?status=pending") == 0);
            await().atMost(DRAIN).until(() -> streamsOpen() == 0);
            await().atMost(DRAIN).until(() -> usedHeapAfterGc() < heapBefore + HEAP_MARGIN_BYTES);
        }
    }

    /** One step of one simulated client. */
    @FunctionalInterface
    private interface Client {
        void step(Random random) throws IOException, InterruptedException;
    }

    private void health(Random random) {
        long start = System.nanoTime();
        Http.Answer a = http.get("/api/v1/health");
        healthNanos.add(System.nanoTime() - start);
        record(a, "GET /api/v1/health");
    }

    /** Connects to the all-tasks stream or one task's, reads an event or two, and goes away. */
    private void streams(Random random) throws IOException {
        String path = taskIds.isEmpty() || random.nextBoolean() ? "/api/v1/tasks/stream"
                : "/api/v1/tasks/" + pick(taskIds, random) + "/stream";
        try (RawSse sse = RawSse.open(base, path)) {
            record(sse.status(), "GET " + path);
            if (sse.status() == 200) {
                sse.nextEvent();
            }
        }
    }

    /** Submits, cancels and retries tasks, so that the three race each other. */
    private void tasks(Random random) {
        String project = pick(PROJECTS, random);
        switch (random.nextInt(5)) {
            case 0 -> remember(http.post("/api/v1/tasks", "{\"name\":\"test_steps\",\"project_id\":\"" + project
                    + "\",\"params\":{\"steps\":3,\"delay_ms\":20}}"), "POST /tasks test_steps");
            case 1 -> remember(http.post("/api/v1/tasks", "{\"name\":\"test_fail\",\"project_id\":\"" + project + "\"}"),
                    "POST /tasks test_fail");
            case 2 -> remember(http.post("/api/v1/tasks", "{\"name\":\"test_hold\",\"project_id\":\"" + project
                    + "\",\"params\":{\"hold_ms\":300}}"), "POST /tasks test_hold");
            case 3 -> onKnownTask(random, "cancel");
            default -> onKnownTask(random, "retry");
        }
    }

    private void onKnownTask(Random random, String action) {
        if (!taskIds.isEmpty()) {
            String id = pick(taskIds, random);
            remember(http.post("/api/v1/tasks/" + id + "/" + action, ""), "POST /tasks/{id}/" + action);
        }
    }

    private void rebuilds(Random random) {
        String project = pick(PROJECTS, random);
        remember(http.post("/api/v1/projects/" + project + "/communities/rebuild", ""), "rebuild " + project);
        if (random.nextInt(3) == 0) {
            onKnownTask(random, "cancel");
        }
    }

    /** Small imports into new and existing projects (200, 201 or 202 with a task: either is fine here). */
    private void imports(Random random) {
        String project = random.nextBoolean() ? pick(PROJECTS, random) : "soak-new-" + newProjects.incrementAndGet();
        remember(http.post("/api/v1/projects/" + project + "/graph", graph(project + random.nextInt(50))),
                "import " + project);
        record(http.get("/api/v1/tasks?project_id=" + project + "&limit=50"), "GET /tasks?project_id");
    }

    private void fuzz(FuzzRequests fuzz, Random random) throws IOException {
        byte[] request = fuzz.randomRequest(random);
        FuzzRequests.Answer a = fuzz.send(request);
        record(a.status(), "fuzz " + new String(request, 0, Math.min(120, request.length), StandardCharsets.ISO_8859_1));
    }

    /** A stream client that never reads for a while: the server must not wait for it. */
    private void slowStream(Random random) throws IOException, InterruptedException {
        try (RawSse sse = RawSse.open(base, "/api/v1/tasks/stream")) {
            record(sse.status(), "slow GET /api/v1/tasks/stream");
            Thread.sleep(2000 + random.nextInt(2000)); // the client's pause (load shape), not a wait for a condition
        }
    }

    /** A client that sends its body a few bytes at a time (with pauses on the socket, not in the server). */
    private void slowUpload(Random random) throws IOException, InterruptedException {
        byte[] body = "{\"name\":\"test_steps\",\"params\":{\"steps\":1}}".getBytes(StandardCharsets.UTF_8);
        URI uri = URI.create(base);
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/tasks HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < body.length; i += 4) {
                out.write(body, i, Math.min(4, body.length - i));
                out.flush();
                Thread.sleep(50); // the client's pace, not a wait for a condition
            }
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            record(Integer.parseInt(answer.substring(9, 12)), "slow POST /api/v1/tasks");
            Matcher m = TASK_ID.matcher(answer);
            if (m.find()) {
                taskIds.add(m.group(1));
            }
        }
    }

    // ---- bookkeeping --------------------------------------------------------------------------------

    private void remember(Http.Answer a, String what) {
        record(a, what);
        Matcher m = TASK_ID.matcher(a.body());
        if (a.status() == 202 && m.find()) {
            taskIds.add(m.group(1));
            if (taskIds.size() > 500) {
                taskIds.remove(1); // never below one id (a reader may pick while we trim)
            }
        }
    }

    private void record(Http.Answer a, String what) {
        if (a.status() >= 500) {
            serverErrors.add(what + " -> " + a.status() + " " + a.body());
        }
        record(a.status(), what);
    }

    private void record(int status, String what) {
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (status >= 500) {
            serverErrors.add(what + " -> " + status);
        }
    }

    private Map<Integer, Long> statusCounts() {
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((status, n) -> counts.put(status, n.sum()));
        return counts;
    }

    private long percentile99Millis() {
        List<Long> sorted = healthNanos.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1_000_000;
    }

    private long total(String query) {
        return http.get("/api/v1/tasks" + query + (query.isEmpty() ? "?" : "&") + "limit=1").json().get("total").asLong();
    }

    /** {@code taskstream_streams_open} as the metrics endpoint reports it. */
    private double streamsOpen() {
        for (String line : http.get("/metrics").body().split("\n")) {
            if (line.startsWith("taskstream_streams_open ")) {
                return Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
            }
        }
        throw new AssertionError("no taskstream_streams_open in /metrics");
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static <T> T pick(List<T> items, Random random) {
        return items.get(random.nextInt(items.size()));
    }

    private static String graph(String seed) {
        return "{\"entities\":[{\"id\":\"" + seed + "-a\",\"name\":\"A\"},{\"id\":\"" + seed + "-b\",\"name\":\"B\"},"
                + "{\"id\":\"hub\",\"name\":\"Hub\"}],\"edges\":[{\"source\":\"" + seed + "-a\",\"target\":\"hub\","
                + "\"relation\":\"KNOWS\"},{\"source\":\"" + seed + "-b\",\"target\":\"hub\",\"relation\":\"KNOWS\"}]}";
    }
}
