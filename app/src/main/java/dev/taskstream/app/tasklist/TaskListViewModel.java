package dev.taskstream.app.tasklist;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskstream.shared.tracking.TrackedTask;
import dev.taskstream.app.fx.Coalescer;
import dev.taskstream.app.fx.Formats;
import dev.taskstream.app.fx.UiExecutor;
import dev.taskstream.shared.api.ProgressEvent;
import dev.taskstream.shared.api.StreamEvents;
import dev.taskstream.shared.api.TaskView;
import dev.taskstream.shared.client.ConnectionState;
import dev.taskstream.shared.client.SseClient;
import dev.taskstream.shared.client.SseEvent;
import dev.taskstream.shared.client.SseListener;
import dev.taskstream.shared.client.TaskstreamClient;
import dev.taskstream.shared.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recent and running tasks of one project, live from the all-tasks stream ({@code /api/v1/tasks/stream}): on
 * connect a snapshot, then every change ({@code progress} events and terminal TaskViews). Events land in a
 * concurrent map keyed by task id (later replaces earlier); one coalesced UI task merges them into the list, so a
 * burst of events is one list update. Running tasks first, then the most recently changed; at most
 * {@link #MAX_ROWS}.
 *
 * <p>Tasks that end while the stream watches them (seen running or pending, then a terminal event) are also told to
 * the {@link #addEndListener end listeners}: that is how the window learns of a rebuild or an import that another
 * client started. Tasks that had already ended when the stream connected (the snapshot's terminal rows) are not.
 */
public final class TaskListViewModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TaskListViewModel.class);
    public static final int MAX_ROWS = 50;
    private static final Comparator<TaskListItem> ORDER = Comparator
            .comparing((TaskListItem r) -> r.isActive() ? 0 : 1)
            .thenComparing(r -> r.updatedAt() == null ? Instant.EPOCH : r.updatedAt(), Comparator.reverseOrder());

    private final TaskstreamClient client;
    private final String projectId;
    private final ObjectMapper json = Json.mapper();
    private final UiExecutor ui;
    private final Coalescer coalescer;
    private final List<Consumer<TaskListItem>> endListeners = new CopyOnWriteArrayList<>();
    private final Set<UUID> seenActive = ConcurrentHashMap.newKeySet();
    private final Map<UUID, TaskListItem> pending = new ConcurrentHashMap<>();
    private final Map<UUID, TaskListItem> rows = new HashMap<>(); // UI executor only
    private volatile TrackedTask.Connection pendingLink = null;
    private volatile String pendingDetail = "";
    private volatile SseClient stream;
    private int failures; // reader thread only

    private final ObservableList<TaskListItem> tasks = FXCollections.observableArrayList();
    private final ObservableList<TaskListItem> readOnlyTasks = FXCollections.unmodifiableObservableList(tasks);
    private final ReadOnlyObjectWrapper<TrackedTask.Connection> link = new ReadOnlyObjectWrapper<>(this, "link", null);
    private final ReadOnlyStringWrapper linkDetail = new ReadOnlyStringWrapper(this, "linkDetail", "");

    public TaskListViewModel(TaskstreamClient client, String projectId, UiExecutor ui) {
        this.client = client;
        this.projectId = projectId;
        this.ui = ui;
        this.coalescer = new Coalescer(ui, this::apply);
    }

    /** Called on the UI executor for each task that ends while this stream watches it (from any client). */
    public void addEndListener(Consumer<TaskListItem> listener) {
        endListeners.add(listener);
    }

    /** Opens the stream (once). */
    public synchronized void start() {
        if (stream != null) {
            return;
        }
        stream = client.allTasksStream(projectId).maxBackoff(Duration.ofSeconds(5)).connect(new Listener());
    }

    @Override
    public synchronized void close() {
        if (stream != null) {
            stream.close();
        }
    }

    private void apply() {
        if (!pending.isEmpty()) {
            for (UUID id : new ArrayList<>(pending.keySet())) {
                TaskListItem r = pending.remove(id);
                if (r != null) {
                    rows.merge(id, r, TaskListViewModel::newer);
                }
            }
            List<TaskListItem> sorted = new ArrayList<>(rows.values());
            sorted.sort(ORDER);
            if (sorted.size() > MAX_ROWS) {
                sorted.subList(MAX_ROWS, sorted.size()).forEach(r -> rows.remove(r.id()));
                sorted = sorted.subList(0, MAX_ROWS);
            }
            if (sameOrder(sorted)) {
                for (int i = 0; i < sorted.size(); i++) {
                    if (!tasks.get(i).equals(sorted.get(i))) {
                        tasks.set(i, sorted.get(i)); // keeps the selection and the scroll position
                    }
                }
            } else {
                tasks.setAll(sorted);
            }
        }
        link.set(pendingLink);
        linkDetail.set(pendingDetail);
    }

    private boolean sameOrder(List<TaskListItem> sorted) {
        if (sorted.size() != tasks.size()) {
            return false;
        }
        for (int i = 0; i < sorted.size(); i++) {
            if (!sorted.get(i).id().equals(tasks.get(i).id())) {
                return false;
            }
        }
        return true;
    }

    /** A terminal row is never replaced by an older non-terminal one. */
    private static TaskListItem newer(TaskListItem old, TaskListItem now) {
        if (!old.isActive() && now.isActive()) {
            return old;
        }
        return now;
    }

    private void offer(TaskListItem row) {
        if (row.id() == null) {
            return;
        }
        pending.merge(row.id(), row, TaskListViewModel::newer);
        coalescer.signal();
        if (row.isActive()) {
            seenActive.add(row.id());
        } else if (seenActive.remove(row.id()) && !endListeners.isEmpty()) {
            ui.execute(() -> endListeners.forEach(l -> l.accept(row)));
        }
    }

    private void setLink(TrackedTask.Connection state, String detail) {
        pendingLink = state;
        pendingDetail = detail;
        coalescer.signal();
    }

    private final class Listener implements SseListener {
        @Override
        public void onEvent(SseEvent event) {
            try {
                if (StreamEvents.PROGRESS.equals(event.event())) {
                    offer(TaskListItem.of(json.readValue(event.data(), ProgressEvent.class)));
                } else if (StreamEvents.isTerminal(event.event())) {
                    offer(TaskListItem.of(json.readValue(event.data(), TaskView.class)));
                }
            } catch (Exception e) {
                log.debug("ignoring unreadable '{}' event: {}", event.event(), e.getMessage());
            }
        }

        @Override
        public void onStateChange(ConnectionState state) {
            switch (state) {
                case CONNECTING -> setLink(TrackedTask.Connection.CONNECTING, "Connecting to " + client.baseUrl());
                case OPEN -> {
                    failures = 0;
                    setLink(TrackedTask.Connection.LIVE, "Live from " + client.baseUrl());
                }
                case RECONNECTING -> {
                    if (pendingLink != TrackedTask.Connection.OFFLINE) {
                        setLink(TrackedTask.Connection.RECONNECTING, pendingDetail);
                    }
                }
                case CLOSED -> {
                }
            }
        }

        @Override
        public void onFailure(Throwable cause, Duration retryIn) {
            failures++;
            boolean offline = failures >= 3;
            setLink(offline ? TrackedTask.Connection.OFFLINE : TrackedTask.Connection.RECONNECTING,
                    (offline ? "The server at " + client.baseUrl() + " is not answering (" : "Lost the stream (")
                            + Formats.failure(cause) + "); retrying in "
                            + Math.max(1, Math.round(retryIn.toMillis() / 1000.0)) + " s");
        }

        @Override
        public void onClosed(dev.taskstream.shared.client.CloseReason reason) {
            if (reason.isError()) {
                setLink(TrackedTask.Connection.OFFLINE, "The activity stream stopped: " + reason.message());
            }
        }
    }

    /** Running first, then newest; changes on the UI executor. */
    public ObservableList<TaskListItem> tasks() {
        return readOnlyTasks;
    }

    public ReadOnlyObjectProperty<TrackedTask.Connection> linkProperty() {
        return link.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty linkDetailProperty() {
        return linkDetail.getReadOnlyProperty();
    }
}
