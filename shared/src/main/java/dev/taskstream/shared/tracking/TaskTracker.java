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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one task until it ends, by whatever connection works, and publishes a {@link TrackedTask} after every
 * change. It is the connection policy shared by the desktop card and the {@code watch} command: the task's SSE stream
 * ({@link TaskWatcher}) while it works, reconnecting with backoff (reconnecting, then offline after a few failures);
 * when the stream cannot be had (an error answer, a proxy that does not serve event streams) {@code GET /tasks/{id}}
 * every poll interval, with the stream tried again every stream-retry interval, going live again once it opens.
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
    private ScheduledFuture<?> poll; // guarded by lock
    private ScheduledFuture<?> streamRetry; // guarded by lock
    private boolean polling; // guarded by lock: the stream failed and the task is polled
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
    private void update(Consumer<TaskState> change) {
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

    private boolean isPolling() {
        synchronized (lock) {
            return polling;
        }
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
    private void openStream() {
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
                stopPolling();
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
                    startPolling("the stream answered HTTP 404");
                } catch (ApiException e) {
                    if (e.isNotFound()) {
                        stopPolling();
                        update(TaskState::notFound);
                    } else {
                        startPolling("the stream answered HTTP 404");
                    }
                }
            });
            case TaskWatcher.Outcome.Failed f -> startPolling(f.message());
            case TaskWatcher.Outcome.Closed c -> {
            }
        }
    }

    /**
     * The stream failed: poll the task, and try the stream again after a while. When already polling (a retry of the
     * stream failed too), only the next retry is scheduled.
     */
    private void startPolling(String why) {
        Duration retry = options.streamRetryInterval();
        boolean retries = retry != null && retry.isPositive();
        String detail = "Live stream unavailable (" + why + "); checking every "
                + options.pollInterval().toSeconds() + " s instead"
                + (retries ? " and trying the stream again every " + every(retry) : "");
        boolean already;
        synchronized (lock) {
            if (closed || state.isTerminal()) {
                return;
            }
            already = polling;
            polling = true;
            if (!already) {
                long every = options.pollInterval().toMillis();
                poll = scheduler.scheduleWithFixedDelay(this::pollOnce, every, every, TimeUnit.MILLISECONDS);
            }
            if (retries) {
                streamRetry = scheduler.schedule(this::retryStream, retry.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        update(s -> s.connection(Connection.POLLING, detail));
        if (!already) {
            runQuietly(this::pollOnce);
        }
    }

    private static String every(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** While polling: opens the stream again; the task goes live when it opens, or stays polled. */
    private void retryStream() {
        if (closed || !isPolling()) {
            return;
        }
        log.debug("task {}: trying the stream again", id);
        openStream();
    }

    private void pollOnce() {
        if (closed || !isPolling()) {
            return;
        }
        try {
            TaskView t = client.getTask(id);
            if (t.status().isTerminal()) {
                stopPolling();
                closeWatcher();
            }
            update(s -> {
                if (!polling && !t.status().isTerminal()) {
                    return; // the stream went live while this read was under way: its state is newer
                }
                s.apply(t, clock.get());
                if (t.status().isTerminal()) {
                    s.connection(Connection.ENDED, "The task ended (seen by polling)");
                } else if (polling && s.connection == Connection.OFFLINE) {
                    s.connection(Connection.POLLING, "Checking every " + options.pollInterval().toSeconds() + " s");
                }
            });
        } catch (ApiException e) {
            if (e.isNotFound()) {
                stopPolling();
                closeWatcher();
                update(TaskState::notFound);
                return;
            }
            pollFailed(e.getMessage() + "; still checking every " + options.pollInterval().toSeconds() + " s");
        } catch (RuntimeException e) {
            pollFailed(SseClient.describe(e));
        }
    }

    private void pollFailed(String detail) {
        update(s -> {
            if (polling) {
                s.connection(Connection.OFFLINE, detail);
            }
        });
    }

    /** Stops polling and the stream retries (the task ended, or the stream is back). */
    private void stopPolling() {
        synchronized (lock) {
            polling = false;
            if (poll != null) {
                poll.cancel(false);
            }
            if (streamRetry != null) {
                streamRetry.cancel(false);
            }
        }
    }

    private void closeWatcher() {
        TaskWatcher w;
        synchronized (lock) {
            w = watcher;
        }
        if (w != null) {
            w.close();
        }
    }

    /** Runs on the scheduler unless the tracker was closed meanwhile. */
    private void runQuietly(Runnable work) {
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
                    if (!polling) { // a retry of the stream while polling stays quiet until it opens
                        s.connection(Connection.CONNECTING, "Opening the live stream…");
                    }
                });
                case OPEN -> {
                    failures = 0;
                    boolean wasPolling = isPolling();
                    stopPolling();
                    update(s -> s.connection(Connection.LIVE, wasPolling
                            ? "Live again: the stream is back; the server pushes every change as it happens"
                            : "Live: the server pushes every change as it happens"));
                }
                case RECONNECTING -> update(s -> {
                    if (!polling && s.connection != Connection.OFFLINE) {
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
                if (!polling) { // while polling, the poller reports the connection
                    s.connection(offline ? Connection.OFFLINE : Connection.RECONNECTING, detail);
                }
            });
        }
    }
}
