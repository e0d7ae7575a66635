package dev.taskstream.shared.api;

/** Event names on the SSE streams (the {@code event:} field). */
public final class StreamEvents {
    public static final String PROGRESS = "progress";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    /** A stream-level problem ({@link ErrorBody}); the task itself may still be fine. */
    public static final String ERROR = "error";

    private StreamEvents() {
    }

    /** The event that announces a task reaching {@code status}. */
    public static String forStatus(TaskStatus status) {
        return switch (status) {
            case COMPLETED -> COMPLETED;
            case FAILED -> FAILED;
            case CANCELLED -> CANCELLED;
            default -> PROGRESS;
        };
    }

    public static boolean isTerminal(String eventName) {
        return COMPLETED.equals(eventName) || FAILED.equals(eventName) || CANCELLED.equals(eventName);
    }
}
