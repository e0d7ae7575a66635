package dev.taskstream.server.task;

import dev.taskstream.server.db.ConnectionRetry;
import dev.taskstream.server.task.TaskStorage.Claim;
import dev.taskstream.server.task.TaskStorage.ClaimSpec;
import dev.taskstream.server.task.TaskStorage.Committed;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one batch of the {@link GroupCommit} comes to in the database: its state changes and claims in one
 * transaction (locks in id order, one JDBC batch per statement, the events and their NOTIFY), then the events to the
 * sink and each caller's outcome. Apart from the storage so that the group's bookkeeping reads on its own.
 */
final class GroupTransaction {
    private static final Logger log = LoggerFactory.getLogger(GroupTransaction.class);
    private final Jdbi jdbi;
    private final TaskStateSql sql;
    private final TaskEventWriter events;
    private final Clock clock;

    GroupTransaction(Jdbi jdbi, TaskStateSql sql, TaskEventWriter events, Clock clock) {
        this.jdbi = jdbi;
        this.sql = sql;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Commits a batch of {@link GroupCommit} in one transaction. When that transaction fails, the changes are not
     * dropped: each gets a transaction of its own, and its own outcome.
     */
    void commitAll(List<GroupCommit.Request> batch) {
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

    /** The tasks each claim of a group won, and their "Started" events for the sink once they committed. */
    private record Claimed(List<List<Claim>> perRequest, List<TaskEvent> events) {
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
            List<TaskRow> won = sql.claimOldestPending(h, first.names(), max, first.workerId(), leaseUntil,
                    AbstractTaskStorage.now(clock));
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

    private Applied apply(TaskRow locked, TaskStorage.Change change) {
        TaskDraft t = locked.edit();
        if (!change.apply(t)) {
            return new Applied(t.toRow(), false);
        }
        t.lastSeq++;
        t.updatedAt = AbstractTaskStorage.now(clock);
        if (t.status.isTerminal()) {
            t.exclusiveKey = null;
            t.leaseUntil = null;
            if (t.completedAt == null) {
                t.completedAt = t.updatedAt;
            }
        }
        return new Applied(t.toRow(), true);
    }
}
