package dev.taskstream.server.task;

import com.fasterxml.jackson.databind.JsonNode;

/** One task type: its name on the wire and the work it does. */
public interface TaskHandler {
    /** The task's {@code name}, e.g. {@code rebuild_communities}. */
    String name();

    /**
     * Does the work, reporting through {@code ctx}; returns the task's {@code result} (or null).
     * Must call {@link TaskContext#checkCancelled()} between steps so cancellation and shutdown work.
     */
    JsonNode run(TaskContext ctx) throws Exception;

    /** True when only one task of this type may be active per project (e.g. a rebuild). */
    default boolean exclusivePerProject() {
        return false;
    }

    /**
     * Exclusive types with the same group share one key per project, so one excludes the other (an
     * import and a rebuild: one writer per project). Default: the type's own name.
     */
    default String exclusiveGroup() {
        return name();
    }

    /**
     * Why a failed or cancelled task of this type cannot be retried (the retry answers 409 with it), or null
     * when it can.
     */
    default String notRetryableReason() {
        return null;
    }

    /** The message of the final ({@code completed}) event. */
    default String completedMessage() {
        return "Completed";
    }
}
