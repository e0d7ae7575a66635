package dev.taskstream.shared.client;

import dev.taskstream.shared.api.ErrorBody;
import java.io.IOException;

/** A retried (transient) HTTP status on the stream URL, such as 503; reported through {@link SseListener#onFailure}. */
public class SseHttpException extends IOException {
    private final int status;
    private final transient ErrorBody errorBody;

    public SseHttpException(int status, ErrorBody errorBody, String message) {
        super(message);
        this.status = status;
        this.errorBody = errorBody;
    }

    public int status() {
        return status;
    }

    /** The JSON error body, or null. */
    public ErrorBody errorBody() {
        return errorBody;
    }
}
