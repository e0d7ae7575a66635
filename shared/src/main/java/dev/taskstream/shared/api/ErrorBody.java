package dev.taskstream.shared.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * Every error response, and the payload of the stream {@code error} event. {@code error} is the status class
 * ({@code not_found}, {@code conflict}, ...) and {@code detail} a sentence for people; {@code code} is the
 * machine-readable reason ({@code no_such_endpoint}, {@code task_not_found}, ...) that clients match on instead of
 * the text. Older servers send no {@code code} (null). Some errors name more: {@code task_id}, the task a 409 is
 * about (the one running, or the retry already made), and {@code max_bytes}, the limit a 413 met; absent otherwise.
 */
public record ErrorBody(String error, String detail, @JsonInclude(JsonInclude.Include.NON_NULL) String code,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID taskId,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long maxBytes) {

    public ErrorBody(String error, String detail, String code) {
        this(error, detail, code, null, null);
    }

    /** A body without a code (the shape before codes existed). */
    public ErrorBody(String error, String detail) {
        this(error, detail, null);
    }

    /** This error, naming the task it is about. */
    public ErrorBody withTaskId(UUID id) {
        return new ErrorBody(error, detail, code, id, maxBytes);
    }

    /** This error, naming the size limit the request went over. */
    public ErrorBody withMaxBytes(long limit) {
        return new ErrorBody(error, detail, code, taskId, limit);
    }
}
