package dev.taskstream.shared.client;

import dev.taskstream.shared.api.ErrorBody;

/**
 * A REST call failed: either the server answered with a non-2xx status ({@link #status()} &gt; 0, with the JSON
 * {@link ErrorBody} when the server sent one), or no usable answer came at all ({@link #status()} == 0: connection
 * refused, timeout, unreadable answer). The message is meant for people.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final transient ErrorBody error;

    public ApiException(int status, ErrorBody error, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
    }

    /** The HTTP status, or 0 when the server could not be reached or did not answer. */
    public int status() {
        return status;
    }

    /** The server's error body, or null (no answer, or a body that was not the JSON error shape). */
    public ErrorBody error() {
        return error;
    }

    public boolean isNotFound() {
        return status == 404;
    }

    /** 409: e.g. cancelling a task that already ended. */
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
