package dev.taskstream.server.stream;

import dev.taskstream.server.http.ApiException;
import dev.taskstream.server.http.Requests;
import dev.taskstream.server.metrics.Metrics;
import dev.taskstream.server.task.TaskEvent;
import dev.taskstream.server.task.TaskEventLog;
import dev.taskstream.server.task.TaskQueries;
import dev.taskstream.shared.api.ProgressEvent;
import dev.taskstream.shared.api.StreamEvents;
import dev.taskstream.shared.api.TaskView;
import dev.taskstream.shared.json.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
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
 * Each open stream holds one virtual thread that waits on its subscriber's queue.
 */
public final class TaskStreamRoutes {
    private static final Logger log = LoggerFactory.getLogger(TaskStreamRoutes.class);
    /** The all-tasks snapshot shows tasks that ended within this window. */
    private static final Duration RECENT = Duration.ofHours(24);
    private static final int SNAPSHOT_MAX = 200;

    private final TaskQueries tasks;
    private final TaskEventLog events;
    private final EventBus bus;
    private final Metrics metrics;
    private final StreamSettings settings;
    private final StreamLimits limits;

    public TaskStreamRoutes(TaskQueries tasks, TaskEventLog events, EventBus bus, Metrics metrics,
            StreamSettings settings) {
        this.tasks = tasks;
        this.events = events;
        this.bus = bus;
        this.metrics = metrics;
        this.settings = settings;
        this.limits = new StreamLimits(settings.maxStreamsPerClient(), settings.maxStreams());
    }

    public void register(RoutesConfig routes) {
        // Registered before /tasks/{id} so that "stream" is not taken for an id.
        routes.get("/api/v1/tasks/stream", this::allTasks);
        routes.get("/api/v1/tasks/{id}/stream", this::oneTask);
    }

    // ---- one task ----------------------------------------------------------------------------------

    private void oneTask(Context ctx) throws IOException {
        UUID id = Requests.uuidPath(ctx, "id");
        Long lastEventId = lastEventId(ctx);
        TaskEvent newest = events.latestEvent(id).orElseThrow(() -> ApiException.notFound("no task with id " + id));
        if (lastEventId != null && StreamEvents.isTerminal(newest.name()) && lastEventId >= newest.seq()) {
            ctx.status(204); // the client saw the end: an EventSource stops reconnecting
            return;
        }
        // Subscribe before reading the log, so nothing committed in between is missed;
        // whatever arrives twice is dropped by seq.
        serve(ctx, bus.subscribeTask(id, settings.bufferEvents()), (conn, sub) -> {
            long from = lastEventId != null ? Math.min(lastEventId, newest.seq()) : newest.seq() - 1;
            Map<UUID, Long> sent = new HashMap<>(Map.of(id, from));
            for (TaskEvent e : events.eventsAfter(id, from)) {
                conn.send(new SseFrame(e).withId());
                sent.put(id, e.seq());
                if (StreamEvents.isTerminal(e.name())) {
                    return;
                }
            }
            pump(conn, sub, sent, true);
        });
    }

    /** The body of one stream, between subscribing and unsubscribing. */
    @FunctionalInterface
    private interface StreamBody {
        void run(SseConnection conn, Subscriber sub) throws IOException, InterruptedException;
    }

    private void serve(Context ctx, Subscriber sub, StreamBody body) throws IOException {
        String client = ctx.ip();
        try {
            limits.acquire(client);
        } catch (ApiException e) {
            bus.unsubscribe(sub);
            ctx.header("Retry-After", "5");
            throw e;
        }
        metrics.streamOpened();
        try {
            SseConnection conn = SseConnection.open(ctx, settings.retry().toMillis(), metrics);
            sub.onOverflow(conn::abort);
            body.run(conn, sub);
        } catch (IOException e) {
            log.debug("stream client of {} went away: {}", ctx.path(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            bus.unsubscribe(sub);
            metrics.streamClosed();
            limits.release(client);
        }
    }

    /**
     * The live part of a stream: each task's events in order and without duplicates (an event may
     * reach the bus ahead of an earlier one; the gap is filled from the event log). A task stream
     * ({@code taskStream}) carries ids and ends after the terminal event; the all-tasks stream does neither.
     */
    private void pump(SseConnection conn, Subscriber sub, Map<UUID, Long> sent, boolean taskStream)
            throws IOException, InterruptedException {
        long heartbeat = settings.heartbeat().toMillis();
        while (true) {
            SseFrame frame = sub.poll(heartbeat);
            if (frame == null) {
                if (stopRequested(conn, sub)) {
                    return;
                }
                conn.ping();
                continue;
            }
            // Write what is waiting in one go and flush once: a client that fell behind catches up
            // with one system call instead of one per event.
            for (; frame != null; frame = sub.pollNow()) {
                if (write(conn, frame, sent, taskStream)) {
                    conn.flush();
                    return;
                }
            }
            conn.flush();
        }
    }

    /** Writes one frame (and any gap before it); true after a task stream's terminal event. */
    private boolean write(SseConnection conn, SseFrame frame, Map<UUID, Long> sent, boolean taskStream)
            throws IOException {
        if (frame.isStreamError()) {
            conn.write(frame.withoutId());
            return false;
        }
        long last = sent.getOrDefault(frame.taskId(), 0L);
        if (frame.seq() <= last) {
            return false; // already sent (replay overlap or a duplicate from another node)
        }
        if (frame.seq() == last + 1) { // the usual case: no gap, nothing to read
            return writeInOrder(conn, frame, sent, taskStream);
        }
        for (SseFrame f : events.eventsAfter(frame.taskId(), last).stream().map(SseFrame::new).toList()) {
            if (writeInOrder(conn, f, sent, taskStream)) {
                return true;
            }
        }
        return false;
    }

    /** Writes the next frame of its task; true after a task stream's terminal event. */
    private static boolean writeInOrder(SseConnection conn, SseFrame f, Map<UUID, Long> sent, boolean taskStream)
            throws IOException {
        conn.write(taskStream ? f.withId() : f.withoutId());
        sent.put(f.taskId(), f.seq());
        return taskStream && f.isTerminal();
    }

    /** True when the writer must stop; tells the client why in a comment. */
    private boolean stopRequested(SseConnection conn, Subscriber sub) throws IOException {
        if (sub.overflowed()) {
            conn.comment("disconnected: this client could not keep up; reconnect to resume");
            return true;
        }
        if (sub.shutdown()) {
            conn.comment("server shutting down; reconnect to resume");
            return true;
        }
        return false;
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
        serve(ctx, bus.subscribeAll(projectId, settings.bufferEvents()), (conn, sub) -> {
            Map<UUID, Long> sent = new HashMap<>();
            for (TaskQueries.Snapshot s : tasks.activeAndRecent(project, Instant.now().minus(RECENT), SNAPSHOT_MAX)) {
                conn.send(snapshotFrame(s));
                sent.put(s.task().id(), s.seq());
            }
            pump(conn, sub, sent, false);
        });
    }

    private static byte[] snapshotFrame(TaskQueries.Snapshot s) throws IOException {
        TaskView t = s.task();
        Object payload = t.status().isTerminal() ? t : ProgressEvent.of(t);
        TaskEvent e = new TaskEvent(t.id(), t.projectId(), s.seq(), StreamEvents.forStatus(t.status()),
                Json.mapper().writeValueAsString(payload), t.updatedAt());
        return new SseFrame(e).withoutId();
    }
}
