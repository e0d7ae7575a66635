package dev.taskstream.shared.api;

/**
 * The {@code code} values of {@link ErrorBody} that clients act on; one place so that the server and its clients
 * spell them alike. Errors without a finer reason carry their error name as the code ({@code not_found},
 * {@code bad_request}, {@code conflict}, ...).
 */
public final class ErrorCodes {
    /** 404 for a path no route serves (e.g. an older server without a feature). */
    public static final String NO_SUCH_ENDPOINT = "no_such_endpoint";
    /** 404 for a task id the server does not know. */
    public static final String TASK_NOT_FOUND = "task_not_found";
    /** 409 for starting a task that is exclusive per project while one runs; the body names it in task_id. */
    public static final String TASK_ALREADY_RUNNING = "task_already_running";

    /** 409 for retrying a task that was already retried; the body names the retry in task_id. */
    public static final String TASK_ALREADY_RETRIED = "task_already_retried";

    private ErrorCodes() {
    }
}
