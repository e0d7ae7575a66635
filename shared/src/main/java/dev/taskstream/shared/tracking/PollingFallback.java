package dev.taskstream.shared.tracking;

import dev.taskstream.shared.api.TaskView;
import dev.taskstream.shared.client.ApiException;
import dev.taskstream.shared.client.SseClient;
import dev.taskstream.shared.client.TaskstreamClient;
import dev.taskstream.shared.tracking.TrackedTask.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TaskTracker}'s fallback when the task's stream cannot be had (an error answer, a proxy that does not serve
 * event streams): {@code GET /tasks/{id}} every poll interval, with the stream tried again every stream-retry
 * interval, until the stream opens or the task ends. Kept apart so the tracker reads as the stream policy; it shares
 * the tracker's lock, state and scheduler, and its fields are guarded by that lock.
 */
final class PollingFallback {
    // The tracker's logger: this is part of its behaviour, configured under its name.
    private static final Logger log = LoggerFactory.getLogger(TaskTracker.class);

    private final TaskTracker tracker;
    private final Object lock;
    private final TaskState state; // guarded by lock
    private final ScheduledExecutorService scheduler;
    private final TaskstreamClient client;
    private final UUID id;
    private final TrackingOptions options;
    private final Supplier<Instant> clock;
    private ScheduledFuture<?> poll; // guarded by lock
    private ScheduledFuture<?> streamRetry; // guarded by lock
    private boolean polling; // guarded by lock: the stream failed and the task is polled

    PollingFallback(TaskTracker tracker, Object lock, TaskState state, ScheduledExecutorService scheduler,
            TaskstreamClient client, UUID id, TrackingOptions options, Supplier<Instant> clock) {
        this.tracker = tracker;
        this.lock = lock;
        this.state = state;
        this.scheduler = scheduler;
        this.client = client;
        this.id = id;
        this.options = options;
        this.clock = clock;
    }

    /** Whether the task is polled (the stream failed); the lock is reentrant, so callers may hold it. */
    boolean isPolling() {
        synchronized (lock) {
            return polling;
        }
    }

    /**
     * The stream failed: poll the task, and try the stream again after a while. When already polling (a retry of the
     * stream failed too), only the next retry is scheduled.
     */
    void start(String why) {
        Duration retry = options.streamRetryInterval();
        boolean retries = retry != null && retry.isPositive();
        String detail = "Live stream unavailable (" + why + "); checking every "
                + options.pollInterval().toSeconds() + " s instead"
                + (retries ? " and trying the stream again every " + every(retry) : "");
        boolean already;
        synchronized (lock) {
            if (tracker.isClosed() || state.isTerminal()) {
                return;
            }
            already = polling;
            polling = true;
            if (!already) {
                long every = options.pollInterval().toMillis();
                poll = scheduler.scheduleWithFixedDelay(this::pollOnce, every, every, TimeUnit.MILLISECONDS);
            }
            if (retries) {
                streamRetry = scheduler.schedule(this::retryStream, retry.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        tracker.update(s -> s.connection(Connection.POLLING, detail));
        if (!already) {
            tracker.runQuietly(this::pollOnce);
        }
    }

    /** Stops polling and the stream retries (the task ended, or the stream is back). */
    void stop() {
        synchronized (lock) {
            polling = false;
            if (poll != null) {
                poll.cancel(false);
            }
            if (streamRetry != null) {
                streamRetry.cancel(false);
            }
        }
    }

    private static String every(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** While polling: opens the stream again; the task goes live when it opens, or stays polled. */
    private void retryStream() {
        if (tracker.isClosed() || !isPolling()) {
            return;
        }
        log.debug("task {}: trying the stream again", id);
        tracker.openStream();
    }

    private void pollOnce() {
        if (tracker.isClosed() || !isPolling()) {
            return;
        }
        try {
            TaskView t = client.getTask(id);
            if (t.status().isTerminal()) {
                stop();
                tracker.closeWatcher();
            }
            tracker.update(s -> {
                if (!polling && !t.status().isTerminal()) {
                    return; // the stream went live while this read was under way: its state is newer
                }
                s.apply(t, clock.get());
                if (t.status().isTerminal()) {
                    s.connection(Connection.ENDED, "The task ended (seen by polling)");
                } else if (polling && s.connection == Connection.OFFLINE) {
                    s.connection(Connection.POLLING, "Checking every " + options.pollInterval().toSeconds() + " s");
                }
            });
        } catch (ApiException e) {
            if (e.isNotFound()) {
                stop();
                tracker.closeWatcher();
                tracker.update(TaskState::notFound);
                return;
            }
            pollFailed(e.getMessage() + "; still checking every " + options.pollInterval().toSeconds() + " s");
        } catch (RuntimeException e) {
            pollFailed(SseClient.describe(e));
        }
    }

    private void pollFailed(String detail) {
        tracker.update(s -> {
            if (polling) {
                s.connection(Connection.OFFLINE, detail);
            }
        });
    }
}
