package dev.taskstream.server.task;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases: renews the lease of each task this engine runs (every third of the lease), so that no reaper takes it, and
 * reaps the tasks of any engine whose worker stopped renewing (a process that died or lost the database): they fail
 * with a message that says to retry them. A renewal also brings news of a cancel request, or of the task being lost.
 */
final class LeaseKeeper {
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final TaskStorage storage;
    private final TaskLifecycle lifecycle;
    private final EngineSettings settings;
    private final String workerId;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    /** {@code timer} runs the renewals and the reaping (one thread, shared with the progress coalescers). */
    LeaseKeeper(TaskStorage storage, TaskLifecycle lifecycle, EngineSettings settings, String workerId, Clock clock,
            ScheduledExecutorService timer) {
        this.storage = storage;
        this.lifecycle = lifecycle;
        this.settings = settings;
        this.workerId = workerId;
        this.clock = clock;
        this.timer = timer;
    }

    /** Looks for expired leases every reap interval from now on. */
    void startReaping() {
        long reapMs = settings.reapInterval().toMillis();
        timer.scheduleWithFixedDelay(this::reapExpiredLeases, reapMs, reapMs, TimeUnit.MILLISECONDS);
    }

    /** The end of a lease taken or renewed now. */
    Instant leaseEnd() {
        return clock.instant().plus(settings.lease());
    }

    /** Renews {@code task}'s lease from now on, until the returned renewal is cancelled. */
    ScheduledFuture<?> keep(RunningTask task) {
        long renewMs = Math.max(1, settings.lease().toMillis() / 3);
        return timer.scheduleWithFixedDelay(() -> renew(task), renewMs, renewMs, TimeUnit.MILLISECONDS);
    }

    private void renew(RunningTask task) {
        try {
            if (storage.renewLease(task.id, workerId, leaseEnd())) {
                task.cancelRequested = true;
            }
        } catch (TaskLostException e) {
            task.lost = true;
        } catch (RuntimeException e) {
            log.warn("renewing the lease of task {} failed (will retry): {}", task.id, e.toString());
        }
    }

    private void reapExpiredLeases() {
        try {
            Instant now = clock.instant();
            for (UUID id : storage.expiredLeases(now)) {
                if (lifecycle.reapIfExpired(id, now)) {
                    log.warn("task {} failed: its worker stopped renewing the lease", id);
                }
            }
        } catch (RuntimeException e) {
            log.warn("reaping expired leases failed (will retry): {}", e.toString());
        }
    }
}
