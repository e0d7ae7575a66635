package dev.taskstream.app.task;

import dev.taskstream.app.connection.LinkState;
import dev.taskstream.app.fx.Background;
import dev.taskstream.app.fx.Coalescer;
import dev.taskstream.app.fx.Formats;
import dev.taskstream.app.fx.UiExecutor;
import dev.taskstream.shared.api.ErrorBody;
import dev.taskstream.shared.api.ProgressEvent;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import dev.taskstream.shared.client.ApiException;
import dev.taskstream.shared.client.ConnectionState;
import dev.taskstream.shared.client.TaskWatcher;
import dev.taskstream.shared.client.TaskstreamClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task card's state, driven by the task's SSE stream ({@link TaskWatcher}): progress, message, elapsed time,
 * result statistics, error, and the state of the connection (live / reconnecting / offline / polling / ended).
 *
 * <p>Threads: the stream's reader thread, the poller and REST calls change a private model under a lock and
 * {@link Coalescer#signal() signal}; one task at a time on the {@link UiExecutor} copies the latest model into the
 * JavaFX properties. The properties are therefore only touched on the UI executor, and a burst of events costs one
 * UI update. {@link #tick()} (once a second from the view) advances the elapsed time.
 *
 * <p>When the stream cannot be had (the server answers it with an error, a proxy returns something that is not an
 * event stream, retries are exhausted) the card falls back to {@code GET /tasks/{id}} every 2 s and says so, and
 * tries the stream again every 30 s: once a stream opens, polling stops and the card is live again. When
 * the server goes away the stream reconnects with backoff (state reconnecting, then offline after a few failures)
 * and resumes from the last event id when the server is back.
 */
public final class TaskCardViewModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TaskCardViewModel.class);

    /**
     * Tunables. {@code streamUri} replaces the stream address (null: the server's
     * {@code /api/v1/tasks/{id}/stream}); it exists for proxies that serve the stream elsewhere, and for tests.
     * {@code streamRetryInterval}: while polling, how often the stream is tried again (zero: never).
     */
    public record Options(Duration pollInterval, int offlineAfterFailures, Duration maxBackoff,
            Function<UUID, URI> streamUri, Duration streamRetryInterval) {
        public static final Duration DEFAULT_STREAM_RETRY = Duration.ofSeconds(30);

        public Options(Duration pollInterval, int offlineAfterFailures, Duration maxBackoff,
                Function<UUID, URI> streamUri) {
            this(pollInterval, offlineAfterFailures, maxBackoff, streamUri, DEFAULT_STREAM_RETRY);
        }

        public static Options defaults() {
            return new Options(Duration.ofSeconds(2), 3, Duration.ofSeconds(5), null, DEFAULT_STREAM_RETRY);
        }

        public Options withStreamUri(Function<UUID, URI> uri) {
            return new Options(pollInterval, offlineAfterFailures, maxBackoff, uri, streamRetryInterval);
        }

        public Options withPollInterval(Duration interval) {
            return new Options(interval, offlineAfterFailures, maxBackoff, streamUri, streamRetryInterval);
        }

        public Options withStreamRetryInterval(Duration interval) {
            return new Options(pollInterval, offlineAfterFailures, maxBackoff, streamUri, interval);
        }
    }

    private final TaskstreamClient client;
    private final Options options;
    private final Supplier<Instant> clock;
    private final Coalescer coalescer;
    private final ScheduledExecutorService poller;
    private final List<Consumer<TaskSnapshot>> finishListeners = new CopyOnWriteArrayList<>();

    private final Object lock = new Object();
    /** Guarded by lock. */
    private Session current;
    /** Guarded by lock. */
    private Model model = new Model(null, 0);
    /** Guarded by lock. */
    private long sessionCounterBg;

    // UI-executor state
    private long notifiedSession = -1;
    private Instant elapsedFrom;
    private Instant elapsedTo;

    private final ObjectProperty<UUID> taskId = new SimpleObjectProperty<>(this, "taskId");
    private final StringProperty taskName = new SimpleStringProperty(this, "taskName", "");
    private final StringProperty title = new SimpleStringProperty(this, "title", "No task");
    private final ObjectProperty<TaskStatus> status = new SimpleObjectProperty<>(this, "status");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final StringProperty percentText = new SimpleStringProperty(this, "percentText", "");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final ObjectProperty<Duration> elapsed = new SimpleObjectProperty<>(this, "elapsed");
    private final StringProperty elapsedText = new SimpleStringProperty(this, "elapsedText", "");
    private final ObjectProperty<ResultStats> result = new SimpleObjectProperty<>(this, "result");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final ObjectProperty<LinkState> link = new SimpleObjectProperty<>(this, "link", LinkState.IDLE);
    private final StringProperty linkDetail = new SimpleStringProperty(this, "linkDetail", "");
    private final StringProperty notice = new SimpleStringProperty(this, "notice", "");
    private final BooleanProperty hasTask = new SimpleBooleanProperty(this, "hasTask", false);
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active", false);
    private final BooleanProperty canCancel = new SimpleBooleanProperty(this, "canCancel", false);
    private final ObjectProperty<TaskSnapshot> snapshot = new SimpleObjectProperty<>(this, "snapshot");

    public TaskCardViewModel(TaskstreamClient client, UiExecutor ui) {
        this(client, ui, Options.defaults(), Instant::now);
    }

    public TaskCardViewModel(TaskstreamClient client, UiExecutor ui, Options options, Supplier<Instant> clock) {
        this.client = Objects.requireNonNull(client);
        this.options = Objects.requireNonNull(options);
        this.clock = Objects.requireNonNull(clock);
        this.coalescer = new Coalescer(ui, this::applyToProperties);
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "taskstream-task-poller");
            t.setDaemon(true);
            return t;
        });
    }

    // ------------------------------------------------------------------ commands (any thread)

    /** Watches {@code id} from now on (the previous task's stream is closed). */
    public void attach(UUID id) {
        Objects.requireNonNull(id);
        Session old;
        Session s;
        synchronized (lock) {
            old = current;
            s = new Session(id, ++sessionCounterBg);
            current = s;
            model = new Model(id, s.number);
        }
        if (old != null) {
            old.close();
        }
        coalescer.signal();
        Background.run(s::start);
    }

    /** Asks the server to cancel the watched task; the stream then reports {@code cancelled}. */
    public void cancel() {
        Session s;
        synchronized (lock) {
            s = current;
            if (s == null || model.status != null && model.status.isTerminal()) {
                return;
            }
        }
        s.update(m -> {
            m.cancelRequested = true;
            m.notice = "Cancelling…";
        });
        Background.run(() -> {
            try {
                client.cancelTask(s.id);
                s.update(m -> m.notice = m.status != null && m.status.isTerminal() ? m.notice
                        : "Cancel requested; the task stops at its next step");
            } catch (ApiException e) {
                s.update(m -> {
                    m.cancelRequested = false;
                    m.notice = e.isConflict() ? "The task had already finished" : "Could not cancel: " + e.getMessage();
                });
            } catch (RuntimeException e) {
                s.update(m -> {
                    m.cancelRequested = false;
                    m.notice = "Could not cancel: " + Formats.failure(e);
                });
            }
        });
    }

    /** Called when a task reaches a terminal state, on the UI executor, once per attached task. */
    public void addFinishListener(Consumer<TaskSnapshot> listener) {
        finishListeners.add(listener);
    }

    /** Stops watching (closes the stream and the poller). */
    @Override
    public void close() {
        Session s;
        synchronized (lock) {
            s = current;
            current = null;
        }
        if (s != null) {
            s.close();
        }
        poller.shutdownNow();
    }

    /** Re-reads the clock for the elapsed time; call on the UI executor (the view does, once a second). */
    public void tick() {
        if (elapsedFrom == null) {
            elapsed.set(null);
            elapsedText.set("");
            return;
        }
        Instant to = elapsedTo != null ? elapsedTo : clock.get();
        Duration d = Duration.between(elapsedFrom, to);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        elapsed.set(d);
        elapsedText.set(Formats.elapsed(d));
    }

    // ------------------------------------------------------------------ UI side

    private void applyToProperties() {
        TaskSnapshot s;
        long sessionNo;
        synchronized (lock) {
            s = model.snapshot();
            sessionNo = model.session;
        }
        snapshot.set(s);
        taskId.set(s.taskId());
        hasTask.set(s.taskId() != null);
        taskName.set(s.name() == null ? "" : s.name());
        title.set(s.taskId() == null ? "No task" : TaskSnapshot.title(s.name()));
        status.set(s.status());
        progress.set(s.progress() / 100.0);
        percentText.set(s.taskId() == null || s.status() == null ? "" : s.progress() + " %");
        message.set(s.message() == null ? "" : s.message());
        result.set(s.status() == TaskStatus.COMPLETED ? s.result() : null);
        error.set(s.error() == null ? "" : s.error());
        link.set(s.link());
        linkDetail.set(s.linkDetail() == null ? "" : s.linkDetail());
        notice.set(s.notice() == null ? "" : s.notice());
        boolean isActive = s.taskId() != null && !s.isTerminal() && s.error() == null;
        active.set(isActive);
        canCancel.set(isActive && !s.cancelRequested());
        elapsedFrom = s.startedAt();
        elapsedTo = s.completedAt();
        tick();
        if (s.isTerminal() && notifiedSession != sessionNo) {
            notifiedSession = sessionNo;
            for (Consumer<TaskSnapshot> l : finishListeners) {
                try {
                    l.accept(s);
                } catch (RuntimeException e) {
                    log.warn("finish listener failed", e);
                }
            }
        }
    }

    // ------------------------------------------------------------------ one watched task

    private final class Session {
        final UUID id;
        final long number;
        private volatile boolean closed;
        private TaskWatcher watcher; // guarded by lock
        private ScheduledFuture<?> poll; // guarded by lock
        private ScheduledFuture<?> streamRetry; // guarded by lock
        private boolean polling; // guarded by lock: the stream failed and the task is polled
        private int failures; // reader thread only

        Session(UUID id, long number) {
            this.id = id;
            this.number = number;
        }

        /** Applies a change if this session is still the current one, then signals the UI. */
        void update(Consumer<Model> change) {
            synchronized (lock) {
                if (closed || current != this) {
                    return;
                }
                change.accept(model);
            }
            coalescer.signal();
        }

        void start() {
            // One REST read for what the stream does not carry (name, start time) and to learn at once whether the
            // task exists; the task's state from here on comes from the stream.
            try {
                TaskView t = client.getTask(id);
                update(m -> m.apply(t, clock.get()));
                if (t.status().isTerminal()) {
                    update(m -> {
                        m.link = LinkState.ENDED;
                        m.linkDetail = "The task had already ended";
                    });
                    return;
                }
            } catch (ApiException e) {
                if (e.isNotFound()) {
                    update(m -> notFound(m));
                    return;
                }
                if (!e.isConnectionFailure()) {
                    update(m -> m.notice = e.getMessage());
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

        boolean isPolling() {
            synchronized (lock) {
                return polling;
            }
        }

        void notFound(Model m) {
            m.error = "The server does not know task " + id;
            m.link = LinkState.ENDED;
            m.linkDetail = "No such task";
        }

        void onOutcome(TaskWatcher.Outcome outcome) {
            switch (outcome) {
                case TaskWatcher.Outcome.Finished f -> {
                    stopPolling();
                    update(m -> {
                        m.apply(f.task(), clock.get());
                        m.link = LinkState.ENDED;
                        m.linkDetail = "The task ended; the stream is closed";
                    });
                }
                case TaskWatcher.Outcome.NotFound n -> Background.run(() -> {
                    // A 404 on the stream: the task is unknown, or something between us and the server does not
                    // serve the stream. REST tells which.
                    try {
                        client.getTask(id);
                        startPolling("the stream answered HTTP 404");
                    } catch (ApiException e) {
                        if (e.isNotFound()) {
                            stopPolling();
                            update(m -> notFound(m));
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
         * The stream failed: poll the task, and try the stream again after a while. When already polling (a retry
         * of the stream failed too), only the next retry is scheduled.
         */
        void startPolling(String why) {
            if (closed) {
                return;
            }
            Duration retry = options.streamRetryInterval();
            boolean retries = retry != null && !retry.isZero() && !retry.isNegative();
            String detail = "Live stream unavailable (" + why + "); checking every "
                    + options.pollInterval().toSeconds() + " s instead"
                    + (retries ? " and trying the stream again every " + every(retry) : "");
            boolean already;
            synchronized (lock) {
                if (closed || model.status != null && model.status.isTerminal()) {
                    return;
                }
                already = polling;
                polling = true;
                if (!already) {
                    long every = options.pollInterval().toMillis();
                    poll = poller.scheduleWithFixedDelay(() -> pollOnce(), every, every, TimeUnit.MILLISECONDS);
                }
                if (retries) {
                    streamRetry = poller.schedule(this::retryStream, retry.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            update(m -> {
                m.link = LinkState.POLLING;
                m.linkDetail = detail;
            });
            if (!already) {
                poller.execute(this::pollOnce);
            }
        }

        private static String every(Duration d) {
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
        }

        /** While polling: opens the stream again; the card goes live when it opens, or keeps polling. */
        void retryStream() {
            if (closed || !isPolling()) {
                return;
            }
            log.debug("task {}: trying the stream again", id);
            openStream();
        }

        void pollOnce() {
            if (closed || !isPolling()) {
                return;
            }
            try {
                TaskView t = client.getTask(id);
                if (t.status().isTerminal()) {
                    stopPolling();
                    closeWatcher();
                }
                update(m -> {
                    m.apply(t, clock.get());
                    if (t.status().isTerminal()) {
                        m.link = LinkState.ENDED;
                        m.linkDetail = "The task ended (seen by polling)";
                    } else if (polling && m.link == LinkState.OFFLINE) {
                        m.link = LinkState.POLLING;
                        m.linkDetail = "Checking every " + options.pollInterval().toSeconds() + " s";
                    }
                });
            } catch (ApiException e) {
                if (e.isNotFound()) {
                    stopPolling();
                    closeWatcher();
                    update(m -> notFound(m));
                    return;
                }
                update(m -> {
                    if (polling) {
                        m.link = LinkState.OFFLINE;
                        m.linkDetail = e.getMessage() + "; still checking every "
                                + options.pollInterval().toSeconds() + " s";
                    }
                });
            } catch (RuntimeException e) {
                update(m -> {
                    if (polling) {
                        m.link = LinkState.OFFLINE;
                        m.linkDetail = Formats.failure(e);
                    }
                });
            }
        }

        /** Stops polling and the stream retries (the task ended, or the stream is back). */
        void stopPolling() {
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

        void close() {
            closed = true;
            TaskWatcher w;
            synchronized (lock) {
                w = watcher;
                if (poll != null) {
                    poll.cancel(true);
                }
                if (streamRetry != null) {
                    streamRetry.cancel(true);
                }
            }
            if (w != null) {
                w.close();
            }
        }

        private final class StreamListener implements TaskWatcher.Listener {
            @Override
            public void onProgress(ProgressEvent p) {
                update(m -> m.apply(p, clock.get()));
            }

            @Override
            public void onFinished(TaskView task) {
                update(m -> m.apply(task, clock.get()));
            }

            @Override
            public void onStreamError(ErrorBody e) {
                update(m -> m.notice = "Server reported a stream problem: " + e.error()
                        + (e.detail() == null ? "" : " (" + e.detail() + ")"));
            }

            @Override
            public void onConnectionState(ConnectionState state) {
                switch (state) {
                    case CONNECTING -> update(m -> {
                        if (!polling) { // a retry of the stream while polling stays quiet until it opens
                            m.link = LinkState.CONNECTING;
                            m.linkDetail = "Opening the live stream…";
                        }
                    });
                    case OPEN -> {
                        failures = 0;
                        boolean wasPolling = isPolling();
                        stopPolling();
                        update(m -> {
                            m.link = LinkState.LIVE;
                            m.linkDetail = wasPolling
                                    ? "Live again: the stream is back; the server pushes every change as it happens"
                                    : "Live: the server pushes every change as it happens";
                        });
                    }
                    case RECONNECTING -> update(m -> {
                        if (!polling && m.link != LinkState.OFFLINE) {
                            m.link = LinkState.RECONNECTING;
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
                String why = cause instanceof ApiException ? cause.getMessage() : Formats.failure(cause);
                String detail = (offline ? "The server at " + client.baseUrl() + " is not answering ("
                        : "Lost the live stream (") + why + "); retrying in "
                        + Math.max(1, Math.round(retryIn.toMillis() / 1000.0)) + " s";
                update(m -> {
                    if (!polling) { // while polling, the poller reports the connection
                        m.link = offline ? LinkState.OFFLINE : LinkState.RECONNECTING;
                        m.linkDetail = detail;
                    }
                });
            }
        }
    }

    /** The mutable state behind the properties; guarded by {@link #lock}. */
    private static final class Model {
        final UUID id;
        final long session;
        String name;
        TaskStatus status;
        int progress;
        String message;
        ResultStats result;
        String error;
        Instant startedAt;
        Instant completedAt;
        LinkState link;
        String linkDetail;
        String notice;
        boolean cancelRequested;

        Model(UUID id, long session) {
            this.id = id;
            this.session = session;
            this.link = id == null ? LinkState.IDLE : LinkState.CONNECTING;
        }

        void apply(ProgressEvent p, Instant now) {
            if (status != null && status.isTerminal()) {
                return; // terminal is final
            }
            if (p.name() != null) {
                name = p.name();
            }
            status = p.status();
            progress = p.progress();
            message = p.message();
            result = ResultStats.from(p.result());
            error = p.error();
            if (startedAt == null && status != TaskStatus.PENDING) {
                startedAt = now; // the stream does not carry started_at; the first sign of work is close enough
            }
            if (status.isTerminal() && completedAt == null) {
                completedAt = p.updatedAt() != null ? p.updatedAt() : now;
            }
        }

        void apply(TaskView t, Instant now) {
            if (status != null && status.isTerminal() && !t.status().isTerminal()) {
                return;
            }
            name = t.name();
            status = t.status();
            progress = t.progress();
            message = t.message();
            result = ResultStats.from(t.result());
            error = t.error();
            if (t.startedAt() != null) {
                startedAt = t.startedAt();
            } else if (startedAt == null && status != TaskStatus.PENDING) {
                startedAt = now;
            }
            if (status.isTerminal()) {
                completedAt = t.completedAt() != null ? t.completedAt() : now;
                if (startedAt == null) {
                    startedAt = completedAt;
                }
            }
        }

        TaskSnapshot snapshot() {
            return new TaskSnapshot(id, name, status, progress, message, result, error, startedAt, completedAt, link,
                    linkDetail, notice, cancelRequested);
        }
    }

    // ------------------------------------------------------------------ properties (read on the UI executor)

    public ReadOnlyObjectProperty<UUID> taskIdProperty() {
        return taskId;
    }

    public ReadOnlyStringProperty taskNameProperty() {
        return taskName;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title;
    }

    public ReadOnlyObjectProperty<TaskStatus> statusProperty() {
        return status;
    }

    /** 0.0 – 1.0, for a ProgressBar. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty percentTextProperty() {
        return percentText;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyObjectProperty<Duration> elapsedProperty() {
        return elapsed;
    }

    public ReadOnlyStringProperty elapsedTextProperty() {
        return elapsedText;
    }

    /** The statistics once the task completed, else null. */
    public ReadOnlyObjectProperty<ResultStats> resultProperty() {
        return result;
    }

    /** The error of a failed task (or "unknown task"), else empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    public ReadOnlyObjectProperty<LinkState> linkProperty() {
        return link;
    }

    public ReadOnlyStringProperty linkDetailProperty() {
        return linkDetail;
    }

    /** A passing remark (cancel requested, stream-level problem, ...). */
    public ReadOnlyStringProperty noticeProperty() {
        return notice;
    }

    public ReadOnlyBooleanProperty hasTaskProperty() {
        return hasTask;
    }

    /** A task is attached and has not ended. */
    public ReadOnlyBooleanProperty activeProperty() {
        return active;
    }

    public ReadOnlyBooleanProperty canCancelProperty() {
        return canCancel;
    }

    /** The whole latest state, set after the single properties. */
    public ReadOnlyObjectProperty<TaskSnapshot> snapshotProperty() {
        return snapshot;
    }
}
