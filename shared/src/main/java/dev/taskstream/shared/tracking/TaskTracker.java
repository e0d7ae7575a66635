package dev.taskstream.shared.tracking;

import dev.taskstream.shared.api.ErrorBody;
import dev.taskstream.shared.api.ProgressEvent;
import dev.taskstream.shared.api.TaskView;
import dev.taskstream.shared.client.ApiException;
import dev.taskstream.shared.client.ConnectionState;
import dev.taskstream.shared.client.SseClient;
import dev.taskstream.shared.client.TaskWatcher;
import dev.taskstream.shared.client.TaskstreamClient;
import dev.taskstream.shared.tracking.TrackedTask.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one task until it ends, by whatever connection works, and publishes a {@link TrackedTask} after every
 * change. It is the connection policy shared by the desktop card and the {@code watch} command: the task's SSE stream
 * ({@link TaskWatcher}) while it works, reconnecting with backoff (reconnecting, then offline after a few failures);
 * when the stream cannot be had (an error answer, a proxy that does not serve event streams) {@code GET /tasks/{id}}
 * every poll interval, with the stream tried again every stream-retry interval, going live again once it opens
 * ({@link PollingFallback}).
 *
 * <p>Threads: the stream's reader thread and one scheduler thread (first read, polls, retries, cancel) change the
 * state under a lock; the listener is called under that lock, in order, and must return quickly.
 */
public final class TaskTracker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TaskTracker.class);

    private final TaskstreamClient client;
    private final UUID id;
    private final TrackingOptions options;
    private final Supplier<Instant> clock;
    private final Consumer<TrackedTask> listener;
    private final ScheduledExecutorService scheduler;
    private final CompletableFuture<TrackedTask> over = new CompletableFuture<>();

    private final Object lock = new Object();
    private final TaskState state; // guarded by lock
    private volatile boolean closed;
    private TaskWatcher watcher; // guarded by lock
    private final PollingFallback fallback;
    private int failures; // stream reader thread only

    private TaskTracker(TaskstreamClient client, UUID id, TrackingOptions options, Supplier<Instant> clock,
            Consumer<TrackedTask> listener) {
        this.client = Objects.requireNonNull(client, "client");
        this.id = Objects.requireNonNull(id, "id");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.state = new TaskState(id);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "taskstream-tracker-" + id);
            t.setDaemon(true);
            return t;
        });
        this.fallback = new PollingFallback(this, lock, state, scheduler, client, id, options, clock);
    }

    /**
     * Starts following {@code id}: publishes the first (connecting) snapshot at once, then reads the task and opens
     * its stream in the background.
     */
    public static TaskTracker start(TaskstreamClient client, UUID id, TrackingOptions options, Supplier<Instant> clock,
            Consumer<TrackedTask> listener) {
        TaskTracker t = new TaskTracker(client, id, options, clock, listener);
        t.update(s -> s.connection(Connection.CONNECTING, "Opening the live stream…"));
        t.scheduler.execute(t::begin);
        return t;
    }

    public UUID taskId() {
        return id;
    }

    /** Completes with the last snapshot once the task ended or turned out unknown; never exceptionally. */
    public CompletableFuture<TrackedTask> over() {
        return over;
    }

    /** The latest state. */
    public TrackedTask snapshot() {
        synchronized (lock) {
            return state.snapshot();
        }
    }

    /** Asks the server to cancel the task (unless it ended); the stream or the poller then reports the end. */
    public void cancel() {
        synchronized (lock) {
            if (closed || state.isTerminal()) {
                return;
            }
        }
        update(s -> {
            s.cancelRequested = true;
            s.notice = "Cancelling…";
        });
        scheduler.execute(() -> {
            try {
                client.cancelTask(id);
                update(s -> s.notice = s.isTerminal() ? s.notice : "Cancel requested; the task stops at its next step");
            } catch (ApiException e) {
                update(s -> {
                    s.cancelRequested = false;
                    s.notice = e.isConflict() ? "The task had already finished" : "Could not cancel: " + e.getMessage();
                });
            } catch (RuntimeException e) {
                update(s -> {
                    s.cancelRequested = false;
                    s.notice = "Could not cancel: " + SseClient.describe(e);
                });
            }
        });
    }

    /** Stops following: closes the stream and the poller; no snapshot is published afterwards. */
    @Override
    public void close() {
        closed = true;
        TaskWatcher w;
        synchronized (lock) {
            w = watcher;
        }
        if (w != null) {
            w.close();
        }
        scheduler.shutdownNow();
    }

    /** Applies a change unless the tracker is closed, and publishes the new snapshot. */
    void update(Consumer<TaskState> change) {
        TrackedTask s;
        synchronized (lock) {
            if (closed) {
                return;
            }
            change.accept(state);
            s = state.snapshot();
            try {
                listener.accept(s);
            } catch (RuntimeException e) {
                log.warn("task {}: tracker listener failed", id, e);
            }
        }
        if (s.isOver()) {
            over.complete(s);
        }
    }

    boolean isClosed() {
        return closed;
    }

    private void begin() {
        // One REST read for what the stream does not carry (name, start time) and to learn at once whether the
        // task exists; the task's state from here on comes from the stream.
        try {
            TaskView t = client.getTask(id);
            if (t.status().isTerminal()) {
                update(s -> {
                    s.apply(t, clock.get());
                    s.connection(Connection.ENDED, "The task had already ended");
                });
                return;
            }
            update(s -> s.apply(t, clock.get()));
        } catch (ApiException e) {
            if (e.isNotFound()) {
                update(TaskState::notFound);
                return;
            }
            if (!e.isConnectionFailure()) {
                update(s -> s.notice = e.getMessage());
            }
        } catch (RuntimeException e) {
            log.debug("task {}: first read failed", id, e);
        }
        openStream();
    }

    /** Opens the task's stream (again), replacing the previous watcher. */
    void openStream() {
        TaskWatcher w = TaskWatcher.watch(client, id, new StreamListener(), b -> {
            b.maxBackoff(options.maxBackoff());
            if (options.streamUri() != null) {
                b.uri(options.streamUri().apply(id));
            }
        });
        TaskWatcher old;
        synchronized (lock) {
            old = watcher;
            watcher = w;
        }
        if (old != null) {
            old.close();
        }
        if (closed) {
            w.close();
            return;
        }
        w.outcome().thenAccept(this::onOutcome);
    }

    private void onOutcome(TaskWatcher.Outcome outcome) {
        switch (outcome) {
            case TaskWatcher.Outcome.Finished f -> {
                fallback.stop();
                update(s -> {
                    s.apply(f.task(), clock.get());
                    s.connection(Connection.ENDED, "The task ended; the stream is closed");
                });
            }
            // A 404 on the stream: the task is unknown, or something between us and the server does not serve the
            // stream. REST tells which.
            case TaskWatcher.Outcome.NotFound n -> runQuietly(() -> {
                try {
                    client.getTask(id);
                    fallback.start("the stream answered HTTP 404");
                } catch (ApiException e) {
                    if (e.isNotFound()) {
                        fallback.stop();
                        update(TaskState::notFound);
                    } else {
                        fallback.start("the stream answered HTTP 404");
                    }
                }
            });
            case TaskWatcher.Outcome.Failed f -> fallback.start(f.message());
            case TaskWatcher.Outcome.Closed c -> {
            }
        }
    }

    void closeWatcher() {
        TaskWatcher w;
        synchronized (lock) {
            w = watcher;
        }
        if (w != null) {
            w.close();
        }
    }

    /** Runs on the scheduler unless the tracker was closed meanwhile. */
    void runQuietly(Runnable work) {
        if (!closed) {
            try {
                scheduler.execute(work);
            } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
                // close() shut the scheduler down: nothing more to do
            }
        }
    }

    /** The stream's callbacks, on its reader thread. */
    private final class StreamListener implements TaskWatcher.Listener {
        @Override
        public void onProgress(ProgressEvent p) {
            update(s -> s.apply(p, clock.get()));
        }

        @Override
        public void onFinished(TaskView task) {
            update(s -> s.apply(task, clock.get()));
        }

        @Override
        public void onStreamError(ErrorBody e) {
            update(s -> s.notice = "Server reported a stream problem: " + e.error()
                    + (e.detail() == null ? "" : " (" + e.detail() + ")"));
        }

        @Override
        public void onConnectionState(ConnectionState connectionState) {
            switch (connectionState) {
                case CONNECTING -> update(s -> {
                    if (!fallback.isPolling()) { // a retry of the stream while polling stays quiet until it opens
                        s.connection(Connection.CONNECTING, "Opening the live stream…");
                    }
                });
                case OPEN -> {
                    failures = 0;
                    boolean wasPolling = fallback.isPolling();
                    fallback.stop();
                    update(s -> s.connection(Connection.LIVE, wasPolling
                            ? "Live again: the stream is back; the server pushes every change as it happens"
                            : "Live: the server pushes every change as it happens"));
                }
                case RECONNECTING -> update(s -> {
                    if (!fallback.isPolling() && s.connection != Connection.OFFLINE) {
                        s.connection = Connection.RECONNECTING;
                    }
                });
                case CLOSED -> {
                }
            }
        }

        @Override
        public void onReconnecting(Throwable cause, Duration retryIn) {
            failures++;
            boolean offline = failures >= options.offlineAfterFailures();
            String why = cause instanceof ApiException ? cause.getMessage() : SseClient.describe(cause);
            String detail = (offline ? "The server at " + client.baseUrl() + " is not answering ("
                    : "Lost the live stream (") + why + "); retrying in "
                    + Math.max(1, Math.round(retryIn.toMillis() / 1000.0)) + " s";
            update(s -> {
                if (!fallback.isPolling()) { // while polling, the poller reports the connection
                    s.connection(offline ? Connection.OFFLINE : Connection.RECONNECTING, detail);
                }
            });
        }
    }
}
