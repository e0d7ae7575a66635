package dev.taskstream.server.stream;

import dev.taskstream.server.http.ApiException;
import dev.taskstream.server.http.Requests;
import dev.taskstream.server.metrics.Metrics;
import dev.taskstream.server.task.TaskEvent;
import dev.taskstream.server.task.TaskStorage;
import dev.taskstream.shared.api.ProgressEvent;
import dev.taskstream.shared.api.StreamEvents;
import dev.taskstream.shared.api.TaskView;
import dev.taskstream.shared.json.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/tasks/{id}/stream} and {@code GET /api/v1/tasks/stream}: the SSE endpoints.
 * A stream's setup (replay, snapshot) runs on its request's virtual thread; then the stream is
 * live and holds no thread: {@link SseStream} writes to it when the bus offers it something.
 */
public final class TaskStreamRoutes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TaskStreamRoutes.class);
    /** The all-tasks snapshot shows tasks that ended within this window. */
    private static final Duration RECENT = Duration.ofHours(24);
    private static final int SNAPSHOT_MAX = 200;

    private final TaskStorage tasks;
    private final EventBus bus;
    private final Metrics metrics;
    private final StreamSettings settings;
    private final StreamLimits limits;
    private final StreamWriters writers;

    public TaskStreamRoutes(TaskStorage tasks, EventBus bus, Metrics metrics,
            StreamSettings settings) {
        this.tasks = tasks;
        this.bus = bus;
        this.metrics = metrics;
        this.settings = settings;
        this.limits = new StreamLimits(settings.maxStreamsPerClient(), settings.maxStreams());
        this.writers = new StreamWriters(settings.heartbeat());
    }

    public void register(RoutesConfig routes) {
        // Registered before /tasks/{id} so that "stream" is not taken for an id.
        routes.get("/api/v1/tasks/stream", this::allTasks);
        routes.get("/api/v1/tasks/{id}/stream", this::oneTask);
    }

    /** Stops the writer threads and the heartbeat timer (after the bus closed every stream). */
    @Override
    public void close() {
        writers.close();
    }

    /** At shutdown, after the bus closed: lets the open streams write their goodbye before the HTTP server stops. */
    public void awaitStreamsEnded(Duration max) {
        writers.awaitEnded(max);
    }

    // ---- one task ----------------------------------------------------------------------------------

    private void oneTask(Context ctx) throws IOException {
        UUID id = Requests.uuidPath(ctx, "id");
        Long lastEventId = lastEventId(ctx);
        TaskEvent newest = tasks.latestEvent(id).orElseThrow(() -> ApiException.notFound("no task with id " + id));
        if (lastEventId != null && StreamEvents.isTerminal(newest.name()) && lastEventId >= newest.seq()) {
            ctx.status(204); // the client saw the end: an EventSource stops reconnecting
            return;
        }
        // Subscribe before reading the log, so nothing committed in between is missed;
        // whatever arrives twice is dropped by seq.
        serve(ctx, bus.subscribeTask(id, settings.bufferEvents()), true, conn -> {
            long from = lastEventId != null ? Math.min(lastEventId, newest.seq()) : newest.seq() - 1;
            Map<UUID, Long> sent = new HashMap<>(Map.of(id, from));
            ByteArrayOutputStream replay = new ByteArrayOutputStream();
            boolean ended = false;
            for (TaskEvent e : tasks.eventsAfter(id, from)) {
                replay.write(new SseFrame(e).withId());
                sent.put(id, e.seq());
                if (StreamEvents.isTerminal(e.name())) {
                    ended = true;
                    break;
                }
            }
            sendSetup(conn, replay, sent.get(id) - from);
            return ended ? null : sent;
        });
    }

    /** The setup of one stream (replay or snapshot), written while the request's thread waits. */
    @FunctionalInterface
    private interface StreamSetup {
        /** What each task's stream has sent so far; null when the stream already ended. */
        Map<UUID, Long> run(SseConnection conn) throws IOException;
    }

    /**
     * Opens a stream: takes a slot, sends the headers and the setup on this (virtual) thread, then
     * hands the stream to the {@link StreamWriters} and lets the thread go ({@code ctx.future}).
     */
    private void serve(Context ctx, Subscriber sub, boolean taskStream, StreamSetup setup) throws IOException {
        String client = ctx.ip();
        try {
            limits.acquire(client);
        } catch (ApiException e) {
            bus.unsubscribe(sub);
            ctx.header("Retry-After", "5");
            throw e;
        }
        metrics.streamOpened();
        Runnable release = () -> {
            bus.unsubscribe(sub);
            metrics.streamClosed();
            limits.release(client);
        };
        boolean live = false;
        try {
            SseConnection conn = SseConnection.open(ctx, settings.retry().toMillis());
            sub.onOverflow(conn::abort);
            Map<UUID, Long> sent = setup.run(conn);
            if (sent != null) {
                SseStream stream = new SseStream(conn, sub, sent, taskStream, tasks, metrics, writers, release);
                ctx.future(() -> stream.goLive(ctx.req().getAsyncContext()));
                live = true;
            }
        } catch (IOException e) {
            log.debug("stream client of {} went away: {}", ctx.path(), e.toString());
        } finally {
            if (!live) {
                release.run();
            }
        }
    }

    /** Writes the setup's frames in one go (nothing when there are none). */
    private void sendSetup(SseConnection conn, ByteArrayOutputStream frames, long count) throws IOException {
        if (frames.size() > 0) {
            conn.writeNow(frames.toByteArray());
            metrics.eventsSent(count);
        }
    }

    private static Long lastEventId(Context ctx) {
        String raw = ctx.header("Last-Event-ID");
        String source = "Last-Event-ID header";
        if (raw == null || raw.isBlank()) {
            raw = ctx.queryParam("last_event_id");
            source = "last_event_id parameter";
        }
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("malformed " + source + " '" + Requests.clip(raw)
                    + "': expected the number of the last event received (its id: line)");
        }
    }

    // ---- all tasks ---------------------------------------------------------------------------------

    private void allTasks(Context ctx) throws IOException {
        Requests.allowQueryParams(ctx, Set.of("project_id", "access_token"));
        String projectId = ctx.queryParam("project_id");
        if (projectId != null && !projectId.isEmpty()) {
            Requests.checkProjectId(projectId);
        } else {
            projectId = null;
        }
        String project = projectId;
        serve(ctx, bus.subscribeAll(projectId, settings.bufferEvents()), false, conn -> {
            Map<UUID, Long> sent = new HashMap<>();
            ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
            for (TaskStorage.Snapshot s : tasks.activeAndRecent(project, Instant.now().minus(RECENT), SNAPSHOT_MAX)) {
                snapshot.write(snapshotFrame(s));
                sent.put(s.task().id(), s.seq());
            }
            sendSetup(conn, snapshot, sent.size());
            return sent;
        });
    }

    private static byte[] snapshotFrame(TaskStorage.Snapshot s) throws IOException {
        TaskView t = s.task();
        Object payload = t.status().isTerminal() ? t : ProgressEvent.of(t);
        TaskEvent e = new TaskEvent(t.id(), t.projectId(), s.seq(), StreamEvents.forStatus(t.status()),
                Json.mapper().writeValueAsString(payload), t.updatedAt());
        return new SseFrame(e).withoutId();
    }
}
