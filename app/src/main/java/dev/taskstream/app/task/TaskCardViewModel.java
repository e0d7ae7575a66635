package dev.taskstream.app.task;

import dev.taskstream.shared.tracking.TrackedTask;
import dev.taskstream.app.fx.Coalescer;
import dev.taskstream.app.fx.Formats;
import dev.taskstream.app.fx.UiExecutor;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.client.TaskstreamClient;
import dev.taskstream.shared.tracking.TaskTracker;
import dev.taskstream.shared.tracking.TrackingOptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task card's state as JavaFX properties: progress, message, elapsed time, result statistics, error, and the
 * state of the connection. Which connection that is (stream, reconnect, polling, offline) is decided by a
 * {@link TaskTracker}; this class only maps its snapshots to properties.
 *
 * <p>Threads: the tracker publishes from its own threads into an atomic reference and {@link Coalescer#signal()
 * signals}; one task at a time on the {@link UiExecutor} copies the latest snapshot into the properties, so they are
 * only touched on the UI executor and a burst of events costs one UI update. {@link #tick()} (once a second from the
 * view) advances the elapsed time.
 */
public final class TaskCardViewModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TaskCardViewModel.class);

    /** The card's tunables: those of its {@link TaskTracker}. */
    public record Options(TrackingOptions tracking) {
        public static final Duration DEFAULT_STREAM_RETRY = TrackingOptions.DEFAULT_STREAM_RETRY;

        public Options(Duration pollInterval, int offlineAfterFailures, Duration maxBackoff,
                Function<UUID, URI> streamUri) {
            this(new TrackingOptions(pollInterval, offlineAfterFailures, maxBackoff, streamUri, DEFAULT_STREAM_RETRY));
        }

        public static Options defaults() {
            return new Options(TrackingOptions.defaults());
        }

        public Options withStreamUri(Function<UUID, URI> uri) {
            return new Options(tracking.withStreamUri(uri));
        }

        public Options withPollInterval(Duration interval) {
            return new Options(tracking.withPollInterval(interval));
        }

        public Options withStreamRetryInterval(Duration interval) {
            return new Options(tracking.withStreamRetryInterval(interval));
        }
    }

    /** The latest snapshot of one attached task; {@code session} counts attaches, so a replaced tracker is ignored. */
    private record Published(long session, TrackedTask snapshot) {
    }

    /** Nothing attached: no task, no connection (the link indicator shows "Idle"). */
    private static final TrackedTask NO_TASK = new TrackedTask(null, null, null, 0, null, null, null, null, null,
            null, null, null, false, false);

    private final TaskstreamClient client;
    private final Options options;
    private final Supplier<Instant> clock;
    private final Coalescer coalescer;
    private final List<Consumer<TrackedTask>> finishListeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<Published> latest = new AtomicReference<>(new Published(0, NO_TASK));

    private final Object lock = new Object();
    /** Guarded by lock. */
    private TaskTracker tracker;
    /** Guarded by lock. */
    private long sessions;

    // UI-executor state
    private long notifiedSession = -1;
    private Instant elapsedFrom;
    private Instant elapsedTo;

    private final ReadOnlyObjectWrapper<UUID> taskId = new ReadOnlyObjectWrapper<>(this, "taskId");
    private final ReadOnlyStringWrapper taskName = new ReadOnlyStringWrapper(this, "taskName", "");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "No task");
    private final ReadOnlyObjectWrapper<TaskStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper percentText = new ReadOnlyStringWrapper(this, "percentText", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<Duration> elapsed = new ReadOnlyObjectWrapper<>(this, "elapsed");
    private final ReadOnlyStringWrapper elapsedText = new ReadOnlyStringWrapper(this, "elapsedText", "");
    private final ReadOnlyObjectWrapper<ResultStats> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<TrackedTask.Connection> link = new ReadOnlyObjectWrapper<>(this, "link");
    private final ReadOnlyStringWrapper linkDetail = new ReadOnlyStringWrapper(this, "linkDetail", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyBooleanWrapper hasTask = new ReadOnlyBooleanWrapper(this, "hasTask", false);
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active", false);
    private final ReadOnlyBooleanWrapper canCancel = new ReadOnlyBooleanWrapper(this, "canCancel", false);
    private final ReadOnlyObjectWrapper<TrackedTask> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");

    public TaskCardViewModel(TaskstreamClient client, UiExecutor ui) {
        this(client, ui, Options.defaults(), Instant::now);
    }

    public TaskCardViewModel(TaskstreamClient client, UiExecutor ui, Options options, Supplier<Instant> clock) {
        this.client = Objects.requireNonNull(client);
        this.options = Objects.requireNonNull(options);
        this.clock = Objects.requireNonNull(clock);
        this.coalescer = new Coalescer(ui, this::applyToProperties);
    }

    // ------------------------------------------------------------------ commands (any thread)

    /** Watches {@code id} from now on (the previous task's tracker is closed). */
    public void attach(UUID id) {
        Objects.requireNonNull(id);
        TaskTracker old;
        synchronized (lock) {
            old = tracker;
            long session = ++sessions;
            tracker = TaskTracker.start(client, id, options.tracking(), clock, t -> publish(session, t));
        }
        if (old != null) {
            old.close();
        }
    }

    /** Asks the server to cancel the watched task; the stream then reports {@code cancelled}. */
    public void cancel() {
        TaskTracker t;
        synchronized (lock) {
            t = tracker;
        }
        if (t != null) {
            t.cancel();
        }
    }

    /** Called when a task reaches a terminal state, on the UI executor, once per attached task. */
    public void addFinishListener(Consumer<TrackedTask> listener) {
        finishListeners.add(listener);
    }

    /** Stops watching (closes the tracker's stream and poller). */
    @Override
    public void close() {
        TaskTracker t;
        synchronized (lock) {
            t = tracker;
            tracker = null;
        }
        if (t != null) {
            t.close();
        }
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

    /** From the tracker's threads: keeps the snapshot unless a later attach replaced the session. */
    private void publish(long session, TrackedTask t) {
        Published next = new Published(session, t);
        latest.updateAndGet(p -> p.session() <= session ? next : p);
        coalescer.signal();
    }

    // ------------------------------------------------------------------ UI side

    private void applyToProperties() {
        Published p = latest.get();
        TrackedTask s = p.snapshot();
        snapshot.set(s);
        taskId.set(s.taskId());
        hasTask.set(s.taskId() != null);
        taskName.set(s.name() == null ? "" : s.name());
        title.set(s.taskId() == null ? "No task" : TaskTitles.title(s.name()));
        status.set(s.status());
        progress.set(s.progress() / 100.0);
        percentText.set(s.taskId() == null || s.status() == null ? "" : s.progress() + " %");
        message.set(s.message() == null ? "" : s.message());
        result.set(s.status() == TaskStatus.COMPLETED ? ResultStats.from(s.name(), s.result()) : null);
        error.set(s.error() == null ? "" : s.error());
        link.set(s.connection());
        linkDetail.set(s.connectionDetail() == null ? "" : s.connectionDetail());
        notice.set(s.notice() == null ? "" : s.notice());
        boolean isActive = s.taskId() != null && !s.isTerminal() && s.error() == null;
        active.set(isActive);
        canCancel.set(isActive && !s.cancelRequested());
        elapsedFrom = s.startedAt();
        elapsedTo = s.completedAt();
        tick();
        if (s.isTerminal() && notifiedSession != p.session()) {
            notifiedSession = p.session();
            for (Consumer<TrackedTask> l : finishListeners) {
                try {
                    l.accept(s);
                } catch (RuntimeException e) {
                    log.warn("finish listener failed", e);
                }
            }
        }
    }

    // ------------------------------------------------------------------ properties (read on the UI executor)

    public ReadOnlyObjectProperty<UUID> taskIdProperty() {
        return taskId.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty taskNameProperty() {
        return taskName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TaskStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** 0.0 – 1.0, for a ProgressBar. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty percentTextProperty() {
        return percentText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Duration> elapsedProperty() {
        return elapsed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty elapsedTextProperty() {
        return elapsedText.getReadOnlyProperty();
    }

    /** The statistics once the task completed, else null. */
    public ReadOnlyObjectProperty<ResultStats> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The error of a failed task (or "unknown task"), else empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TrackedTask.Connection> linkProperty() {
        return link.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty linkDetailProperty() {
        return linkDetail.getReadOnlyProperty();
    }

    /** A passing remark (cancel requested, stream-level problem, ...). */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasTaskProperty() {
        return hasTask.getReadOnlyProperty();
    }

    /** A task is attached and has not ended. */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canCancelProperty() {
        return canCancel.getReadOnlyProperty();
    }

    /** The whole latest state, set after the single properties. */
    public ReadOnlyObjectProperty<TrackedTask> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }
}
