package dev.taskstream.shared.api;

/** Every error response, and the payload of the stream {@code error} event. */
public record ErrorBody(String error, String detail) {
}
