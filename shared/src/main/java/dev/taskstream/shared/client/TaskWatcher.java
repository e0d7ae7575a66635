package dev.taskstream.shared.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskstream.shared.api.ErrorBody;
import dev.taskstream.shared.api.ProgressEvent;
import dev.taskstream.shared.api.StreamEvents;
import dev.taskstream.shared.api.TaskView;
import dev.taskstream.shared.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one task's stream until its terminal event, reconnecting with {@code Last-Event-ID} (so nothing is lost
 * or seen twice), and reports typed payloads: {@code progress} as {@link ProgressEvent}, terminal events as
 * {@link TaskView}, {@code error} as {@link ErrorBody}. The {@link #outcome()} completes with:
 * <ul>
 *   <li>{@link Outcome.Finished} - the final TaskView (completed, failed or cancelled). If the server answers 204
 *       (the task had already ended at our Last-Event-ID), the final state is fetched with {@code GET /tasks/{id}}.</li>
 *   <li>{@link Outcome.NotFound} - the server answered 404 for the task.</li>
 *   <li>{@link Outcome.Failed} - any other end (HTTP error, retries exhausted, unreadable terminal event).</li>
 *   <li>{@link Outcome.Closed} - {@link #close()} was called first.</li>
 * </ul>
 * Callbacks come from the stream's reader thread, in order. Thread-safe; {@link #close()} is idempotent.
 */
public final class TaskWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TaskWatcher.class);

    /** Callbacks; all optional. Called from the stream's reader thread, in order. */
    public interface Listener {
        default void onProgress(ProgressEvent progress) {
        }

        /** The terminal state, just before {@link #outcome()} completes with it. */
        default void onFinished(TaskView task) {
        }

        /** A stream-level problem reported by the server; the task itself may still be fine. */
        default void onStreamError(ErrorBody error) {
        }

        default void onConnectionState(ConnectionState state) {
        }

        /** The connection failed or dropped; the watcher retries after {@code retryIn}. */
        default void onReconnecting(Throwable cause, Duration retryIn) {
        }
    }

    /** How a watch ended. */
    public sealed interface Outcome {
        /** The task reached a terminal status. */
        record Finished(TaskView task) implements Outcome {
        }

        /** The server does not know the task (404). */
        record NotFound(UUID taskId, ErrorBody error) implements Outcome {
        }

        /** The watch ended without a terminal state. */
        record Failed(String message, CloseReason reason, Throwable cause) implements Outcome {
        }

        /** The watcher was closed by the caller. */
        record Closed() implements Outcome {
        }
    }

    private final UUID taskId;
    private final TaskstreamClient rest;
    private final Listener listener;
    private final ObjectMapper json = Json.mapper();
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final SseClient stream;
    /** Reader-thread only. */
    private TaskView terminal;

    private TaskWatcher(TaskstreamClient rest, UUID taskId, Listener listener, Consumer<SseClient.Builder> customize) {
        this.rest = Objects.requireNonNull(rest, "rest");
        this.taskId = Objects.requireNonNull(taskId, "taskId");
        this.listener = listener == null ? new Listener() { } : listener;
        SseClient.Builder b = rest.taskStream(taskId).stopOn(StreamEvents::isTerminal);
        if (customize != null) {
            customize.accept(b);
        }
        this.stream = b.connect(new StreamListener());
    }

    /** Starts watching {@code taskId}; the returned watcher is already connecting. */
    public static TaskWatcher watch(TaskstreamClient client, UUID taskId, Listener listener) {
        return new TaskWatcher(client, taskId, listener, null);
    }

    /**
     * As {@link #watch(TaskstreamClient, UUID, Listener)}, letting the caller adjust the stream (heartbeat, retry,
     * {@code lastEventId} to resume, max attempts, ...). Do not replace the stop condition.
     */
    public static TaskWatcher watch(TaskstreamClient client, UUID taskId, Listener listener,
            Consumer<SseClient.Builder> customize) {
        return new TaskWatcher(client, taskId, listener, customize);
    }

    public UUID taskId() {
        return taskId;
    }

    /** Completes once, with how the watch ended; never completes exceptionally. */
    public CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    /** Blocks for the outcome. */
    public Outcome await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // not reached: outcome never completes exceptionally
        }
    }

    public ConnectionState connectionState() {
        return stream.state();
    }

    /** The id of the last event seen; pass it to a later watch to resume. */
    public String lastEventId() {
        return stream.lastEventId();
    }

    /** Stops watching; the outcome becomes {@link Outcome.Closed} unless it was already decided. */
    @Override
    public void close() {
        stream.close();
    }

    /** Waits until the stream's reader thread is gone (after {@link #close()} or the end of the watch). */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return stream.awaitTermination(timeout);
    }

    private final class StreamListener implements SseListener {
        @Override
        public void onEvent(SseEvent event) {
            try {
                switch (event.event()) {
                    case StreamEvents.PROGRESS ->
                            listener.onProgress(json.readValue(event.data(), ProgressEvent.class));
                    case StreamEvents.COMPLETED, StreamEvents.FAILED, StreamEvents.CANCELLED -> {
                        terminal = json.readValue(event.data(), TaskView.class);
                        listener.onFinished(terminal);
                    }
                    case StreamEvents.ERROR -> listener.onStreamError(json.readValue(event.data(), ErrorBody.class));
                    default -> log.debug("task {}: ignoring event '{}'", taskId, event.event());
                }
            } catch (IOException e) {
                log.warn("task {}: unreadable '{}' event (id {}): {}", taskId, event.event(), event.id(),
                        e.getMessage());
            }
        }

        @Override
        public void onStateChange(ConnectionState state) {
            listener.onConnectionState(state);
        }

        @Override
        public void onFailure(Throwable cause, Duration retryIn) {
            listener.onReconnecting(cause, retryIn);
        }

        @Override
        public void onClosed(CloseReason reason) {
            outcome.complete(decide(reason));
        }
    }

    private Outcome decide(CloseReason reason) {
        if (terminal != null) {
            return new Outcome.Finished(terminal);
        }
        return switch (reason.kind()) {
            case CLIENT_CLOSED -> new Outcome.Closed();
            case HTTP_ERROR -> reason.status() == 404
                    ? new Outcome.NotFound(taskId, reason.errorBody())
                    : new Outcome.Failed(reason.message(), reason, reason.cause());
            // 204: the task ended at or before our Last-Event-ID; a terminal event we could not read: ask REST
            case NO_CONTENT, STOP_EVENT -> fetchFinalState(reason);
            default -> new Outcome.Failed(reason.message(), reason, reason.cause());
        };
    }

    private Outcome fetchFinalState(CloseReason reason) {
        try {
            TaskView t = rest.getTask(taskId);
            if (t.status().isTerminal()) {
                try {
                    listener.onFinished(t);
                } catch (RuntimeException e) {
                    log.warn("task {}: listener threw", taskId, e);
                }
                return new Outcome.Finished(t);
            }
            return new Outcome.Failed("the stream ended (" + reason.message() + ") but task " + taskId
                    + " is still " + t.status().wire(), reason, null);
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return new Outcome.NotFound(taskId, e.error());
            }
            return new Outcome.Failed(e.getMessage(), reason, e);
        } catch (RuntimeException e) {
            return new Outcome.Failed("cannot read the final state of task " + taskId + ": " + e.getMessage(), reason, e);
        }
    }
}
