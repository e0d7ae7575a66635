package dev.taskstream.shared.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.shared.api.ErrorBody;
import java.util.Optional;
import java.util.UUID;

/**
 * A REST call failed: either the server answered with a non-2xx status ({@link #status()} &gt; 0, with the JSON
 * {@link ErrorBody} when the server sent one), or no usable answer came at all ({@link #status()} == 0: connection
 * refused, timeout, unreadable answer). The message is meant for people. {@link #body()} keeps the whole JSON error
 * body, for fields beyond {@code error} and {@code detail}, such as the {@code task_id} of a 409 ({@link #taskId()}).
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final transient ErrorBody error;
    private final transient JsonNode body;

    public ApiException(int status, ErrorBody error, String message, Throwable cause) {
        this(status, error, null, message, cause);
    }

    /** {@code body}: the answer's JSON object, or null. */
    public ApiException(int status, ErrorBody error, JsonNode body, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
        this.body = body;
    }

    /** The HTTP status, or 0 when the server could not be reached or did not answer. */
    public int status() {
        return status;
    }

    /** The server's error body, or null (no answer, or a body that was not the JSON error shape). */
    public ErrorBody error() {
        return error;
    }

    /**
     * The machine-readable reason from the error body ({@code no_such_endpoint}, {@code task_not_found}, ...), or
     * null (no answer, no JSON error body, or a server from before codes). Match on this, not on the message.
     */
    public String code() {
        return error == null ? null : error.code();
    }

    /** True when the error body carries {@code code}. */
    public boolean hasCode(String code) {
        return code != null && code.equals(code());
    }

    /** The server's whole JSON error body, or null (no answer, or a body that was not a JSON object). */
    public JsonNode body() {
        return body;
    }

    /**
     * The task the answer names in {@code task_id}: for a 409 to a start of a task that is exclusive per project
     * (e.g. a rebuild while another rebuild runs) the task that is already running. Empty when the body has no
     * such field or it is not a UUID.
     */
    public Optional<UUID> taskId() {
        JsonNode id = body == null ? null : body.get("task_id");
        if (id == null || !id.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id.asText()));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    public boolean isNotFound() {
        return status == 404;
    }

    /** 409: e.g. cancelling a task that already ended, or starting a rebuild while one runs ({@link #taskId()}). */
    public boolean isConflict() {
        return status == 409;
    }

    public boolean isUnauthorized() {
        return status == 401 || status == 403;
    }

    /** True when there was no HTTP answer (connection refused, timeout, ...). */
    public boolean isConnectionFailure() {
        return status == 0;
    }
}
