package dev.taskstream.server.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.db.Database;
import dev.taskstream.server.db.Dialect;
import dev.taskstream.shared.api.Page;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * All of task storage behind one face (as JobRunr's {@code StorageProvider}): the engine, the service behind the
 * routes and the streams use only this. Every change saves the row and appends its event in one transaction, and
 * the event reaches the sink given to {@link #forDatabase} only after the commit. One implementation per database
 * ({@link H2TaskStorage}, {@link PostgresTaskStorage}); what they share is in {@link AbstractTaskStorage}.
 */
public interface TaskStorage extends TaskEventLog {

    /**
     * The storage of {@code db}'s dialect; {@code nodeId} names this process in the NOTIFYs of its commits, and
     * {@code sink} hears of each committed event, in the committing thread.
     */
    static TaskStorage forDatabase(Database db, Clock clock, String nodeId, TaskEventListener sink) {
        return db.dialect() == Dialect.POSTGRES ? new PostgresTaskStorage(db, clock, nodeId, sink)
                : new H2TaskStorage(db, clock, nodeId, sink);
    }

    // Creating tasks

    TaskView create(NewTask spec);

    /** Several new tasks in one transaction (one JDBC batch each for the rows and their events). */
    List<TaskView> createAll(List<NewTask> specs);

    /**
     * The next attempt of failed or cancelled task {@code id}, made once ({@link TaskAlreadyRetriedException}
     * names the retry already made); the params are copied inside the database.
     */
    TaskView retry(UUID id, String exclusiveKey);

    // State changes and claims: they share commits (group commit)

    /**
     * Locks the row, applies {@code change}, and if it says so saves the row with a new event, all in one
     * transaction; then hands the event to the sink. A change that throws is not saved, and its caller gets the
     * exception. Changes submitted while another commit runs share the next commit; each call still returns only
     * after its own change committed.
     */
    Committed transition(UUID id, Change change);

    /** {@link #transition} and then a claim for the same worker, in one commit (a completion and the next task). */
    ChangeAndClaim transitionAndClaim(UUID id, Change change, ClaimSpec next);

    /**
     * Claims up to {@code max} oldest pending tasks of one of {@code names} for {@code workerId}, started, with
     * their "Started" events; the lease covers the batch. Two claimers, in any process, never get the same task.
     */
    List<Claim> claim(Collection<String> names, String workerId, Instant leaseUntil, int max);

    // Leases

    /** Extends the worker's lease; tells whether cancellation was requested. Throws if the task was lost. */
    boolean renewLease(UUID id, String workerId, Instant leaseUntil);

    /** True when somebody asked to cancel the task (a primary-key read; workers call it sparingly). */
    boolean isCancelRequested(UUID id);

    /** Ids of processing tasks whose lease ran out before {@code now}. */
    List<UUID> expiredLeases(Instant now);

    // Reads for the API, the streams' snapshots and the metrics

    Optional<TaskView> find(UUID id);

    /** Newest first; {@code total} counts every task matching the filter. */
    Page<TaskView> list(TaskFilter filter, int limit, int offset);

    /** Tasks that are active or ended after {@code endedAfter}: the snapshot of the all-tasks stream. */
    List<Snapshot> activeAndRecent(String projectId, Instant endedAfter, int max);

    /** Tasks per status, every status present (0 when none). */
    Map<TaskStatus, Long> countByStatus();

    /** The channel that commits are announced on (Postgres LISTEN/NOTIFY). */
    String notifyChannel();

    /** A state change: edits the locked row and returns true to save it (with an event). */
    @FunctionalInterface
    interface Change {
        boolean apply(TaskDraft row);
    }

    /** What a transition saw and did; {@code event} is null when the change decided not to save. */
    record Committed(TaskView task, TaskEvent event, boolean cancelRequested) {
    }

    /** A task just claimed by a worker, with the parameters its handler runs with. */
    record Claim(TaskView task, JsonNode params) {
    }

    /** What a claim asks for: up to {@code max} oldest pending tasks of {@code names} for {@code workerId}. */
    record ClaimSpec(Set<String> names, String workerId, Instant leaseUntil, int max) {
        boolean sameClaimer(ClaimSpec other) {
            return names.equals(other.names) && workerId.equals(other.workerId);
        }
    }

    /** What {@link #transitionAndClaim} came to: the change's outcome or failure, and the tasks the claim won. */
    record ChangeAndClaim(Committed committed, RuntimeException changeFailure, List<Claim> claims) {
    }

    /** A task's state together with the seq of the event that produced it. */
    record Snapshot(TaskView task, long seq) {
    }
}
