package dev.taskstream.server.task;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Group commit of task state changes: the changes that callers submit while a commit runs are
 * committed together, in one transaction, by the next one. There is no thread of its own and no
 * waiting for company: the first caller that finds no commit running commits everything queued (its
 * own change included) and the others wait for that commit. At low load every caller finds the queue
 * empty and commits alone, as if there were no group; under load the batch grows by itself.
 * Each caller still returns only after its own change committed (or with its own exception).
 */
final class GroupCommit {
    /** One caller's state change; {@link #settle} or {@link #fail} it exactly once. */
    static final class Request {
        final UUID id;
        final TaskStore.Change change;
        private TaskStore.Committed committed;
        private RuntimeException failure;
        private volatile boolean settled; // written last: a waiter seeing true sees the outcome

        Request(UUID id, TaskStore.Change change) {
            this.id = id;
            this.change = change;
        }

        void settle(TaskStore.Committed c) {
            committed = c;
            settled = true;
        }

        void fail(RuntimeException e) {
            failure = e;
            settled = true;
        }

        boolean settled() {
            return settled;
        }

        TaskStore.Committed outcome() {
            if (failure != null) {
                throw failure;
            }
            return committed;
        }
    }

    private final Consumer<List<Request>> commitAll;
    private final int maxBatch;
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    private boolean committing;
    private int largestBatch;

    /** {@code commitAll} commits a batch (in queue order) and settles or fails every request of it. */
    GroupCommit(int maxBatch, Consumer<List<Request>> commitAll) {
        this.maxBatch = maxBatch;
        this.commitAll = commitAll;
    }

    /** Queues the change and returns once it committed; throws what the change (or its commit) threw. */
    TaskStore.Committed submit(UUID id, TaskStore.Change change) {
        Request mine = new Request(id, change);
        boolean interrupted = false;
        try {
            synchronized (this) {
                queue.add(mine);
            }
            while (true) {
                List<Request> batch = new ArrayList<>();
                synchronized (this) {
                    while (!mine.settled() && committing) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            interrupted = true; // the change may be committing: wait for its outcome all the same
                        }
                    }
                    if (mine.settled()) {
                        return mine.outcome();
                    }
                    committing = true;
                    while (!queue.isEmpty() && batch.size() < maxBatch) {
                        batch.add(queue.poll());
                    }
                    largestBatch = Math.max(largestBatch, batch.size());
                }
                commit(batch);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Changes waiting for the commit that runs now (tests watch a group form). */
    synchronized int queued() {
        return queue.size();
    }

    synchronized boolean committing() {
        return committing;
    }

    /** The most changes one commit has carried so far. */
    synchronized int largestBatch() {
        return largestBatch;
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
            synchronized (this) {
                committing = false;
                notifyAll();
            }
        }
    }
}
