package dev.taskstream.shared.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Every error response, and the payload of the stream {@code error} event. {@code error} is the status class
 * ({@code not_found}, {@code conflict}, ...) and {@code detail} a sentence for people; {@code code} is the
 * machine-readable reason ({@code no_such_endpoint}, {@code task_not_found}, ...) that clients match on instead of
 * the text. Older servers send no {@code code} (null).
 */
public record ErrorBody(String error, String detail, @JsonInclude(JsonInclude.Include.NON_NULL) String code) {

    /** A body without a code (the shape before codes existed). */
    public ErrorBody(String error, String detail) {
        this(error, detail, null);
    }
}
