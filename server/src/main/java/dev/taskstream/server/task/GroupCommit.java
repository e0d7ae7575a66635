package dev.taskstream.server.task;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of task state changes and claims: the changes (and the claimer's claims) that callers
 * submit while a commit runs are committed together, in one transaction, by the next one. A claim that
 * shares the transaction of completions is one commit per worker cycle where it was two. There is no thread of its own and no
 * waiting for company: the first caller that finds no commit running commits everything queued (its
 * own change included) and the others wait for that commit. At low load every caller finds the queue
 * empty and commits alone, as if there were no group; under load the batch grows by itself.
 * Each caller still returns only after its own change committed (or with its own exception).
 * Waiters are woken one by one (their own condition), not all at once: the callers of the batch
 * that committed, and the first queued caller, which commits the next batch.
 */
final class GroupCommit {
    /**
     * One caller's state change of task {@code id}, or a claim ({@code claim} set, {@code id} and {@code change}
     * null); {@link #settle}, {@link #settleClaims} or {@link #fail} it exactly once.
     */
    static final class Request {
        final UUID id;
        final TaskStorage.Change change;
        final TaskStorage.ClaimSpec claim;
        private final Condition turn;
        private TaskStorage.Committed committed;
        private List<TaskStorage.Claim> claimed;
        private RuntimeException failure;
        private volatile boolean settled; // written last: a waiter seeing true sees the outcome

        private Request(UUID id, TaskStorage.Change change, TaskStorage.ClaimSpec claim, Condition turn) {
            this.id = id;
            this.change = change;
            this.claim = claim;
            this.turn = turn;
        }

        boolean isClaim() {
            return claim != null;
        }

        void settle(TaskStorage.Committed c) {
            committed = c;
            settled = true;
        }

        void settleClaims(List<TaskStorage.Claim> claims) {
            claimed = claims;
            settled = true;
        }

        void fail(RuntimeException e) {
            failure = e;
            settled = true;
        }

        boolean settled() {
            return settled;
        }

        private void rethrowFailure() {
            if (failure != null) {
                throw failure;
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private final Consumer<List<Request>> commitAll;
    private final int maxBatch;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Request> queue = new ArrayDeque<>(); // guarded by lock
    private boolean committing; // guarded by lock
    private int largestBatch; // guarded by lock

    /**
     * {@code commitAll} ({@link GroupTransaction#commitAll}) commits a batch (in queue order) and settles or fails
     * every request of it.
     */
    GroupCommit(int maxBatch, Consumer<List<Request>> commitAll) {
        this.maxBatch = maxBatch;
        this.commitAll = commitAll;
    }

    /** Queues the change and returns once it committed; throws what the change (or its commit) threw. */
    TaskStorage.Committed submit(UUID id, TaskStorage.Change change) {
        Request mine = new Request(id, change, null, lock.newCondition());
        await(mine);
        return mine.committed;
    }

    /** Queues the claim and returns the tasks it won once it committed; throws what its commit threw. */
    List<TaskStorage.Claim> submitClaim(TaskStorage.ClaimSpec claim) {
        Request mine = new Request(null, null, claim, lock.newCondition());
        await(mine);
        return mine.claimed;
    }

    /**
     * Queues the change and then a claim, together, so that they share a commit (a worker's completion and the
     * claim of its next task: one commit where two would run one after the other). Returns once both
     * committed; the claim's tasks come back even when the change failed. A claim that failed won nothing.
     */
    TaskStorage.ChangeAndClaim submitWithClaim(UUID id, TaskStorage.Change change, TaskStorage.ClaimSpec claim) {
        Request mine = new Request(id, change, null, lock.newCondition());
        Request next = new Request(null, null, claim, lock.newCondition());
        lock.lock();
        try {
            queue.add(mine);
            queue.add(next);
        } finally {
            lock.unlock();
        }
        RuntimeException changeFailure = null;
        try {
            awaitQueued(mine);
        } catch (RuntimeException e) {
            changeFailure = e;
        }
        List<TaskStorage.Claim> claims;
        try {
            awaitQueued(next);
            claims = next.claimed;
        } catch (RuntimeException e) {
            log.warn("claiming a completing worker's next task failed (the claimer will claim for it): {}",
                    e.toString());
            claims = List.of();
        }
        return new TaskStorage.ChangeAndClaim(mine.committed, changeFailure, claims);
    }

    private void await(Request mine) {
        lock.lock();
        try {
            queue.add(mine);
        } finally {
            lock.unlock();
        }
        awaitQueued(mine);
    }

    /** Waits for a queued request's outcome, committing the next batch whenever no commit runs. */
    private void awaitQueued(Request mine) {
        while (true) {
            List<Request> batch = new ArrayList<>();
            lock.lock();
            try {
                while (!mine.settled() && committing) {
                    mine.turn.awaitUninterruptibly(); // the change may be committing: wait for its outcome
                }
                if (mine.settled()) {
                    mine.rethrowFailure();
                    return;
                }
                committing = true;
                while (!queue.isEmpty() && batch.size() < maxBatch) {
                    batch.add(queue.poll());
                }
                largestBatch = Math.max(largestBatch, batch.size());
            } finally {
                lock.unlock();
            }
            commit(batch);
        }
    }

    /** Changes waiting for the commit that runs now (tests watch a group form). */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    boolean committing() {
        lock.lock();
        try {
            return committing;
        } finally {
            lock.unlock();
        }
    }

    /** The most changes one commit has carried so far. */
    int largestBatch() {
        lock.lock();
        try {
            return largestBatch;
        } finally {
            lock.unlock();
        }
    }

    private void commit(List<Request> batch) {
        RuntimeException failed = null;
        try {
            commitAll.accept(batch);
        } catch (RuntimeException e) {
            failed = e;
        } finally {
            for (Request r : batch) {
                if (!r.settled()) { // never leave a waiter without an answer (its request left the queue)
                    r.fail(failed != null ? failed : new IllegalStateException("the group commit gave no outcome"));
                }
            }
            lock.lock();
            try {
                committing = false;
                for (Request r : batch) {
                    r.turn.signal();
                }
                if (!queue.isEmpty()) {
                    queue.peek().turn.signal(); // the next leader
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
