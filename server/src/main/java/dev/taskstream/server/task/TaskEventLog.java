package dev.taskstream.server.task;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The reads of the per-task event log: what a stream replays and what a listener fetches after a NOTIFY. Part of
 * {@link TaskStorage}; a face of its own for callers that only read events (the latency benchmark).
 */
public interface TaskEventLog {
    /** Events of one task with {@code seq > afterSeq}, in order. */
    List<TaskEvent> eventsAfter(UUID taskId, long afterSeq);

    /** The newest event of a task (its current state); empty for an unknown task. */
    Optional<TaskEvent> latestEvent(UUID taskId);
}
