package dev.taskstream.shared.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.shared.api.TaskStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * One consistent, immutable state of a task that a {@link TaskTracker} follows, and of the connection it follows it
 * by. Published to the tracker's listener after every change.
 *
 * @param status           null until the first answer from the server
 * @param startedAt        the server's start time, or when work was first seen (the stream does not carry it)
 * @param connectionDetail a sentence for people about {@code connection}
 * @param notice           a passing remark (cancel requested, a stream-level problem), or null
 * @param notFound         the server does not know the task (the tracker has stopped)
 */
public record TrackedTask(
        UUID taskId,
        String name,
        TaskStatus status,
        int progress,
        String message,
        JsonNode result,
        String error,
        Instant startedAt,
        Instant completedAt,
        Connection connection,
        String connectionDetail,
        String notice,
        boolean cancelRequested,
        boolean notFound) {

    /** How the tracker hears about the task. */
    public enum Connection {
        /** Reading the task and opening its stream for the first time. */
        CONNECTING,
        /** The stream is open: changes arrive as they are committed. */
        LIVE,
        /** The stream dropped; reconnecting and resuming from the last event. */
        RECONNECTING,
        /** The stream cannot be had; the task is read over REST every poll interval, the stream retried now and then. */
        POLLING,
        /** The server has not answered for a while; still retrying. */
        OFFLINE,
        /** The task ended (or is unknown); nothing more to hear. */
        ENDED
    }

    public boolean isTerminal() {
        return status != null && status.isTerminal();
    }

    /** The tracker will publish nothing more: the task ended (and the stream is closed) or is unknown. */
    public boolean isOver() {
        return connection == Connection.ENDED;
    }
}
