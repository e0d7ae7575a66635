package dev.taskstream.server.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.db.ConnectionRetry;
import dev.taskstream.server.db.Database;
import dev.taskstream.server.db.SqlErrors;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task rows as workers and the API change them: create, state changes, claims and leases. Every
 * change saves the row and appends its event to the {@link TaskEventLog} in one transaction; the
 * event reaches the log's sink only after the commit.
 */
public final class TaskStore {
    private final Jdbi jdbi;
    private final TaskStateSql sql;
    private final Clock clock;
    private final TaskEventLog events;
    private static final int INSERT_ATTEMPTS = 3;
    /** At most this many state changes share one commit (one id list, one JDBC batch of each statement). */
    static final int MAX_GROUP = 256;
    private static final Logger log = LoggerFactory.getLogger(TaskStore.class);
    private final GroupCommit group = new GroupCommit(MAX_GROUP, this::commitAll);

    public TaskStore(Database db, Clock clock, TaskEventLog events) {
        this.jdbi = db.jdbi();
        this.sql = TaskStateSql.forDialect(db.dialect());
        this.clock = clock;
        this.events = events;
    }

    /** Database times have microsecond precision; cut ours to match so values round-trip exactly. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static TaskRow pending(NewTask spec, Instant now) {
        return new TaskRow(UUID.randomUUID(), spec.name(), spec.projectId(), TaskStatus.PENDING, 0, "Queued",
                spec.params() == null ? null : spec.params().toString(), null, null, now, null, null, now, null,
                spec.attempt(), spec.retryOf(), null, false, 1, spec.exclusiveKey(), null);
    }

    /** Several new tasks in one transaction (one JDBC batch each for the rows and their events). */
    public List<TaskView> createAll(List<NewTask> specs) {
        Instant now = now();
        List<TaskRow> rows = specs.stream().map(spec -> pending(spec, now)).toList();
        List<TaskEvent> appended = jdbi.inTransaction(h -> {
            h.attach(TaskDao.class).insertAll(rows);
            return events.appendAll(h, rows);
        });
        events.committed(appended);
        return rows.stream().map(TaskRow::toView).toList();
    }

    public TaskView create(NewTask spec) {
        TaskRow row = pending(spec, now());
        return insert(spec.exclusiveKey(), null, h -> {
            h.attach(TaskDao.class).insert(row);
            return new Inserted(row.toView(), events.append(h, row));
        });
    }

    /**
     * The next attempt of failed or cancelled task {@code id}, made once: the old row stays locked until
     * the commit, so a concurrent retry waits and then finds {@code retried_by} set. The params are copied
     * inside the database ({@link TaskDao#insertRetry}).
     */
    public TaskView retry(UUID id, String exclusiveKey) {
        UUID retryId = UUID.randomUUID();
        return insert(exclusiveKey, id, h -> {
            TaskDao tasks = h.attach(TaskDao.class);
            TaskRow old = tasks.lock(id).orElseThrow(() -> new TaskNotFoundException(id));
            if (old.retriedBy() != null) {
                throw new TaskAlreadyRetriedException(id, old.retriedBy());
            }
            if (old.status() != TaskStatus.FAILED && old.status() != TaskStatus.CANCELLED) {
                throw new TaskStateException("task " + id + " is " + old.status().wire()
                        + "; only failed or cancelled tasks can be retried");
            }
            tasks.insertRetry(retryId, id, now(), exclusiveKey);
            tasks.markRetried(id, retryId);
            TaskRow row = tasks.find(retryId).orElseThrow();
            return new Inserted(row.toView(), events.append(h, row));
        });
    }

    private record Inserted(TaskView task, TaskEvent event) {
    }

    /**
     * Runs an inserting transaction; a unique violation becomes the conflict it stands for: the task was
     * retried already ({@code retryOf}), or another task holds {@code exclusiveKey}. When the holder ended
     * before we could name it, the key is free again and the insert is tried again.
     */
    private TaskView insert(String exclusiveKey, UUID retryOf, HandleCallback<Inserted, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                Inserted inserted = jdbi.inTransaction(work);
                events.committed(inserted.event());
                return inserted.task();
            } catch (RuntimeException e) {
                if (!SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
                Optional<UUID> retry = retryOf == null ? Optional.empty()
                        : jdbi.withExtension(TaskDao.class, d -> d.find(retryOf)).map(TaskRow::retriedBy);
                if (retry.isPresent()) {
                    throw new TaskAlreadyRetriedException(retryOf, retry.get());
                }
                Optional<UUID> active = exclusiveKey == null ? Optional.empty()
                        : jdbi.withExtension(TaskDao.class, d -> d.findByExclusiveKey(exclusiveKey));
                if (active.isPresent()) {
                    throw new ExclusiveTaskActiveException(exclusiveKey, active.get());
                }
                if (exclusiveKey == null || attempt >= INSERT_ATTEMPTS) {
                    throw new TaskBusyException("task could not be saved: it kept meeting concurrent changes", e);
                }
            }
        }
    }

    /** What a transition saw and did; {@code event} is null when the change decided not to save. */
    public record Committed(TaskView task, TaskEvent event, boolean cancelRequested) {
    }

    /** A state change: edits the locked row and returns true to save it (with an event). */
    @FunctionalInterface
    interface Change {
        boolean apply(TaskDraft row);
    }

    /**
     * Locks the row, applies {@code change}, and if it says so saves the row with a new event, all in
     * one transaction; then hands the event to the sink. A change that throws is not saved, and its caller
     * gets the exception (the rest of its group is saved). Changes submitted while another commit runs share
     * the next commit ({@link GroupCommit}); each call still returns only after its own change committed.
     */
    Committed transition(UUID id, Change change) {
        return group.submit(id, change);
    }

    /** The group commit of {@link #transition} (tests watch a group form). */
    GroupCommit group() {
        return group;
    }

    /**
     * Commits a batch of {@link GroupCommit} in one transaction. When that transaction fails, the changes are not
     * dropped: each gets a transaction of its own, and its own outcome.
     */
    private void commitAll(List<GroupCommit.Request> batch) {
        if (batch.size() > 1) {
            try {
                commitTogether(batch);
                return;
            } catch (RuntimeException e) {
                log.warn("group commit of {} task state changes and claims failed ({}); committing them one by one",
                        batch.size(), e.toString());
            }
        }
        for (GroupCommit.Request r : batch) {
            try {
                commitTogether(List.of(r));
            } catch (RuntimeException e) {
                r.fail(e);
            }
        }
    }

    /**
     * The changes and claims in one transaction ({@link #saveAll}, then {@link #claimAll}), then their events to
     * the sink and their outcomes.
     */
    private void commitTogether(List<GroupCommit.Request> batch) {
        List<GroupCommit.Request> changes = batch.stream().filter(r -> !r.isClaim()).toList();
        List<GroupCommit.Request> claims = batch.stream().filter(GroupCommit.Request::isClaim).toList();
        record Together(List<Outcome> outcomes, Claimed claimed) {
        }
        Together done = ConnectionRetry.call(describe(changes, claims), () -> jdbi.inTransaction(h -> new Together(
                changes.isEmpty() ? List.of() : saveAll(h, changes), claimAll(h, claims))));
        events.committed(done.outcomes().stream().map(o -> o.committed() == null ? null : o.committed().event())
                .filter(Objects::nonNull).toList());
        events.committed(done.claimed().events());
        for (int i = 0; i < changes.size(); i++) {
            done.outcomes().get(i).settle(changes.get(i));
        }
        for (int i = 0; i < claims.size(); i++) {
            claims.get(i).settleClaims(done.claimed().perRequest().get(i));
        }
    }

    /**
     * The claims of a group: one statement for all the claims of one engine (the same task names and worker;
     * a group of completions each brings the claim of its worker's next task), whose tasks are shared out in
     * the claims' order.
     */
    private Claimed claimAll(Handle h, List<GroupCommit.Request> claims) {
        List<List<Claim>> perRequest = new ArrayList<>();
        List<TaskEvent> appended = new ArrayList<>();
        for (int i = 0; i < claims.size(); ) {
            ClaimSpec first = claims.get(i).claim;
            int end = i;
            int max = 0;
            Instant leaseUntil = first.leaseUntil();
            while (end < claims.size() && claims.get(end).claim.sameClaimer(first)) {
                max += claims.get(end).claim.max();
                leaseUntil = leaseUntil.isAfter(claims.get(end).claim.leaseUntil()) ? leaseUntil
                        : claims.get(end).claim.leaseUntil();
                end++;
            }
            List<TaskRow> won = sql.claimOldestPending(h, first.names(), max, first.workerId(), leaseUntil, now());
            appended.addAll(events.appendAll(h, won));
            Iterator<TaskRow> rows = won.iterator();
            for (; i < end; i++) {
                List<Claim> mine = new ArrayList<>();
                while (mine.size() < claims.get(i).claim.max() && rows.hasNext()) {
                    TaskRow r = rows.next();
                    mine.add(new Claim(r.toView(), r.paramsJson()));
                }
                perRequest.add(mine);
            }
        }
        return new Claimed(perRequest, appended);
    }

    private static String describe(List<GroupCommit.Request> changes, List<GroupCommit.Request> claims) {
        String what = changes.size() == 1 ? "task " + changes.getFirst().id + " state change"
                : changes.isEmpty() ? "" : "state change of " + changes.size() + " tasks";
        return claims.isEmpty() ? what : what.isEmpty() ? "claim" : what + " and a claim";
    }

    /** What one change of a group came to, known only once the group's transaction committed. */
    private record Outcome(Committed committed, RuntimeException failure) {
        void settle(GroupCommit.Request r) {
            if (failure != null) {
                r.fail(failure);
            } else {
                r.settle(committed);
            }
        }
    }

    /**
     * The changes of a group in the caller's transaction: locks their rows (in id order, so two groups
     * never deadlock), applies each change to the row as the previous ones of the batch left it, and
     * saves the changed rows and all events in one JDBC batch each. A change that throws fails alone.
     */
    private List<Outcome> saveAll(Handle h, List<GroupCommit.Request> batch) {
        Map<UUID, TaskRow> current = new HashMap<>();
        for (TaskRow row : sql.lockAll(h, batch.stream().map(r -> r.id).distinct().sorted().toList())) {
            current.put(row.id(), row);
        }
        Map<UUID, TaskRow> changed = new LinkedHashMap<>();
        List<TaskRow> saved = new ArrayList<>();
        List<Applied> applied = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        for (GroupCommit.Request r : batch) {
            Applied a = null;
            RuntimeException failure = null;
            try {
                TaskRow row = current.get(r.id);
                if (row == null) {
                    throw new TaskNotFoundException(r.id);
                }
                a = apply(row, r.change);
            } catch (RuntimeException e) {
                failure = e;
            }
            if (a != null && a.save()) {
                current.put(r.id, a.row());
                changed.put(r.id, a.row());
                saved.add(a.row());
            }
            applied.add(a);
            failures.add(failure);
        }
        if (!changed.isEmpty()) {
            sql.updateAll(h, List.copyOf(changed.values()));
        }
        Iterator<TaskEvent> appended = events.appendAll(h, saved).iterator();
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Applied a = applied.get(i);
            outcomes.add(a == null ? new Outcome(null, failures.get(i))
                    : new Outcome(new Committed(a.row().toView(), a.save() ? appended.next() : null,
                            a.row().cancelRequested()), null));
        }
        return outcomes;
    }

    /** A change applied to a locked row: the row it leaves, and whether to save it with an event. */
    private record Applied(TaskRow row, boolean save) {
    }

    private Applied apply(TaskRow locked, Change change) {
        TaskDraft t = locked.edit();
        if (!change.apply(t)) {
            return new Applied(t.toRow(), false);
        }
        t.lastSeq++;
        t.updatedAt = now();
        if (t.status.isTerminal()) {
            t.exclusiveKey = null;
            t.leaseUntil = null;
            if (t.completedAt == null) {
                t.completedAt = t.updatedAt;
            }
        }
        return new Applied(t.toRow(), true);
    }

    /** A task just claimed by a worker, with the parameters its handler runs with. */
    public record Claim(TaskView task, JsonNode params) {
    }

    /** What a claim asks for: up to {@code max} oldest pending tasks of {@code names} for {@code workerId}. */
    record ClaimSpec(Set<String> names, String workerId, Instant leaseUntil, int max) {
        boolean sameClaimer(ClaimSpec other) {
            return names.equals(other.names) && workerId.equals(other.workerId);
        }
    }

    /** The tasks each claim of a group won, and their "Started" events for the sink once they committed. */
    private record Claimed(List<List<Claim>> perRequest, List<TaskEvent> events) {
    }

    /**
     * Claims up to {@code max} oldest pending tasks of one of {@code names} for {@code workerId} with their
     * "Started" events ({@link TaskStateSql#claimOldestPending}: one statement on Postgres); the lease covers the
     * batch. Postgres skips rows locked by other claimers (FOR UPDATE SKIP LOCKED), so two processes never get the
     * same task. The claim joins the group commit ({@link GroupCommit}): it shares its transaction with the state
     * changes queued meanwhile, typically the completions of the tasks whose workers it claims for.
     */
    public List<Claim> claim(Collection<String> names, String workerId, Instant leaseUntil, int max) {
        if (names.isEmpty() || max < 1) {
            return List.of();
        }
        return group.submitClaim(new ClaimSpec(Set.copyOf(names), workerId, leaseUntil, max));
    }

    /**
     * {@link #transition} and then a claim for the same worker, in one commit ({@link GroupCommit#submitWithClaim}):
     * a worker's completion and the claim of the task its slot runs next.
     */
    GroupCommit.ChangeAndClaim transitionAndClaim(UUID id, Change change, ClaimSpec next) {
        return group.submitWithClaim(id, change, next);
    }

    /** Extends the worker's lease; tells whether cancellation was requested. Throws if the task was lost. */
    public boolean renewLease(UUID id, String workerId, Instant leaseUntil) {
        Boolean cancel = jdbi.inTransaction(h -> {
            TaskDao tasks = h.attach(TaskDao.class);
            return tasks.renewLease(id, workerId, leaseUntil) != 1 ? null : tasks.cancelRequested(id).orElseThrow();
        });
        if (cancel == null) {
            throw new TaskLostException(id, workerId);
        }
        return cancel;
    }

    /** True when somebody asked to cancel the task (a primary-key read; workers call it sparingly). */
    public boolean isCancelRequested(UUID id) {
        return jdbi.withExtension(TaskDao.class, d -> d.cancelRequested(id)).orElse(false);
    }

    /** Ids of processing tasks whose lease ran out before {@code now}. */
    public List<UUID> expiredLeases(Instant now) {
        return jdbi.withExtension(TaskDao.class, d -> d.expiredLeases(now));
    }
}
