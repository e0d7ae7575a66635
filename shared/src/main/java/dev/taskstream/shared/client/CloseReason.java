package dev.taskstream.shared.client;

import dev.taskstream.shared.api.ErrorBody;

/**
 * Why an {@link SseClient} stopped for good.
 *
 * @param kind      the category
 * @param status    the HTTP status when the server's answer ended the stream (204, 404, ...), otherwise 0
 * @param errorBody the server's JSON error body, when it sent one (e.g. with a 404), otherwise null
 * @param message   a sentence a person can read
 * @param cause     the last failure ({@link Kind#RETRIES_EXHAUSTED}, {@link Kind#ERROR}), otherwise null
 */
public record CloseReason(Kind kind, int status, ErrorBody errorBody, String message, Throwable cause) {

    public enum Kind {
        /** {@link SseClient#close()} was called. */
        CLIENT_CLOSED,
        /** An event matched the stop condition (e.g. a terminal task event). */
        STOP_EVENT,
        /** The server answered 204 No Content: nothing more to stream. */
        NO_CONTENT,
        /** The server answered with a non-retried error status (400, 401, 404, 500, ...). */
        HTTP_ERROR,
        /** Status 200 but not {@code text/event-stream}. */
        BAD_CONTENT_TYPE,
        /** The configured maximum number of reconnect attempts failed in a row. */
        RETRIES_EXHAUSTED,
        /** An unexpected error (e.g. a protocol violation) that a reconnect would not fix. */
        ERROR
    }

    /** True for the kinds that mean something went wrong (not a close, stop event or 204). */
    public boolean isError() {
        return switch (kind) {
            case CLIENT_CLOSED, STOP_EVENT, NO_CONTENT -> false;
            default -> true;
        };
    }

    static CloseReason clientClosed() {
        return new CloseReason(Kind.CLIENT_CLOSED, 0, null, "closed by the client", null);
    }

    static CloseReason stopEvent(SseEvent event) {
        return new CloseReason(Kind.STOP_EVENT, 0, null,
                "stream ended by event '" + event.event() + "'" + (event.id() == null ? "" : " (id " + event.id() + ")"),
                null);
    }

    static CloseReason noContent() {
        return new CloseReason(Kind.NO_CONTENT, 204, null, "server answered 204 No Content: the stream is over", null);
    }

    static CloseReason httpError(int status, ErrorBody body, String bodySnippet) {
        StringBuilder m = new StringBuilder("server answered HTTP ").append(status);
        if (body != null) {
            m.append(": ").append(body.error());
            if (body.detail() != null && !body.detail().isBlank()) {
                m.append(" (").append(body.detail()).append(')');
            }
        } else if (bodySnippet != null && !bodySnippet.isBlank()) {
            m.append(": ").append(bodySnippet);
        }
        return new CloseReason(Kind.HTTP_ERROR, status, body, m.toString(), null);
    }

    static CloseReason badContentType(String contentType) {
        return new CloseReason(Kind.BAD_CONTENT_TYPE, 200, null,
                "expected Content-Type text/event-stream but the server sent '" + contentType + "'", null);
    }

    static CloseReason retriesExhausted(int attempts, Throwable last) {
        return new CloseReason(Kind.RETRIES_EXHAUSTED, 0, null,
                "gave up after " + attempts + " failed connection attempt(s): " + SseClient.describe(last), last);
    }

    static CloseReason error(Throwable t) {
        return new CloseReason(Kind.ERROR, 0, null, SseClient.describe(t), t);
    }
}
