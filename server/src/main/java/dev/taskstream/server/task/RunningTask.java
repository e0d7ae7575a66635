package dev.taskstream.server.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A handler's view of its task ({@link TaskContext}) and the flags that stop it: a cancel request (from its
 * progress commits, the lease renewals or a database read at most every cancel-check interval), the server
 * stopping, or the lease lost to a reaper.
 */
final class RunningTask implements TaskContext {
    private static final Logger log = LoggerFactory.getLogger(RunningTask.class);

    final UUID id;
    final String name;
    private final String projectId;
    private final JsonNode params;
    private final int attempt;
    private final String workerId;
    private final TaskLifecycle lifecycle;
    private final TaskStorage storage;
    private final EngineSettings settings;
    volatile boolean cancelRequested;
    volatile boolean shuttingDown;
    volatile boolean lost;
    private volatile long lastDbCheckNanos = System.nanoTime();
    final ProgressCoalescer coalescer;

    /** {@code timer} runs the coalescer's delayed progress writes. */
    RunningTask(TaskStorage.Claim claim, String workerId, TaskLifecycle lifecycle, TaskStorage storage,
            EngineSettings settings, ScheduledExecutorService timer) {
        this.id = claim.task().id();
        this.name = claim.task().name();
        this.projectId = claim.task().projectId();
        this.params = claim.params();
        this.attempt = claim.task().attempt();
        this.workerId = workerId;
        this.lifecycle = lifecycle;
        this.storage = storage;
        this.settings = settings;
        this.coalescer = new ProgressCoalescer(settings.progressRate(), timer, this::write);
    }

    @Override
    public UUID taskId() {
        return id;
    }

    @Override
    public String projectId() {
        return projectId;
    }

    @Override
    public JsonNode params() {
        return params;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public void progress(int percent, String message) {
        checkCancelled();
        coalescer.report(percent, message);
        checkCancelled();
    }

    /** A step the coalescer lets through; its commit also tells whether cancellation was requested. */
    private void write(int percent, String message) {
        TaskStorage.Committed c = lifecycle.progress(id, workerId, percent, message);
        if (c.cancelRequested()) {
            cancelRequested = true;
        }
        lastDbCheckNanos = System.nanoTime();
    }

    @Override
    public void checkCancelled() {
        checkLost();
        if (!cancelRequested && System.nanoTime() - lastDbCheckNanos > settings.cancelCheckInterval().toNanos()) {
            lastDbCheckNanos = System.nanoTime();
            try {
                cancelRequested = storage.isCancelRequested(id);
            } catch (RuntimeException e) {
                log.debug("cancellation check failed; next check will retry", e);
            }
        }
        if (cancelRequested) {
            throw new TaskCancelledException("cancelled by request");
        }
        if (shuttingDown) {
            throw new TaskCancelledException("server shutting down");
        }
    }

    void checkLost() {
        if (lost) {
            throw new TaskLostException(id, workerId);
        }
    }
}
