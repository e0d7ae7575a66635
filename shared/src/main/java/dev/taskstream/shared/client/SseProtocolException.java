package dev.taskstream.shared.client;

/** The server sent something that cannot be an event stream (e.g. a line over the size limit). */
public class SseProtocolException extends RuntimeException {
    public SseProtocolException(String message) {
        super(message);
    }
}
