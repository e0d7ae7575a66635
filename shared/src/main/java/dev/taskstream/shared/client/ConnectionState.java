package dev.taskstream.shared.client;

/** Life cycle of an {@link SseClient}. */
public enum ConnectionState {
    /** First connection attempt in progress. */
    CONNECTING,
    /** The stream is open: status 200, {@code text/event-stream}. */
    OPEN,
    /** The connection failed or dropped; waiting for the backoff delay or trying again. */
    RECONNECTING,
    /** Final: no more callbacks except {@link SseListener#onClosed}. */
    CLOSED
}
