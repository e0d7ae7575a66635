package dev.taskstream.shared.client;

import java.time.Duration;

/**
 * Callbacks of an {@link SseClient}. All methods are called from the client's single reader thread, one at a time,
 * in stream order; they must not block for long (hand work to the UI thread, e.g. {@code Platform.runLater}).
 * An exception thrown by a callback is logged and otherwise ignored. Calling {@link SseClient#close()} from a
 * callback is allowed.
 */
public interface SseListener {

    /** The stream is open (after {@code onStateChange(OPEN)}); called again after every successful reconnect. */
    default void onOpen() {
    }

    /** One event, in order. {@link SseClient#lastEventId()} already reflects it. */
    void onEvent(SseEvent event);

    /** A comment line such as the server's {@code : ping} heartbeat. */
    default void onComment(String comment) {
    }

    /** The connection state changed; called only on an actual change. */
    default void onStateChange(ConnectionState state) {
    }

    /**
     * A connection attempt failed or an open stream dropped, and the client will try again after {@code retryIn}.
     * {@code cause} is e.g. a {@link java.net.ConnectException}, an {@link SseIdleTimeoutException}, an
     * {@link SseHttpException} (502/503/504/429), or an {@link java.io.EOFException} when the server ended the stream.
     */
    default void onFailure(Throwable cause, Duration retryIn) {
    }

    /** Final callback, exactly once, after {@code onStateChange(CLOSED)}. */
    default void onClosed(CloseReason reason) {
    }
}
