package dev.taskstream.server.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims pending tasks and runs their handlers on worker threads, and stops them at shutdown; leases are the
 * {@link LeaseKeeper}'s, and what a handler sees of its task is a {@link RunningTask}. Several engines (in one or
 * several processes) may share one database. One claimer thread claims as many tasks as there are idle workers in
 * one statement, so a burst costs one claim commit per batch rather than per task; and a task that completes claims
 * its worker's next task in the same commit, so that a worker that goes from one pending task to the next needs one
 * commit per task.
 */
public final class TaskEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TaskEngine.class);

    private final TaskStorage storage;
    private final TaskLifecycle lifecycle;
    private final TaskRegistry registry;
    private final EngineSettings settings;
    private final String workerId;
    private final LeaseKeeper leases;
    private final Map<UUID, RunningTask> running = new ConcurrentHashMap<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Object wakeUp = new Object();
    private final AtomicLong wakeUps = new AtomicLong();
    private final ScheduledExecutorService scheduler;
    private final Semaphore freeSlots = new Semaphore(0);
    private ThreadPoolExecutor workers;
    private Thread claimer;

    public TaskEngine(TaskStorage storage, TaskLifecycle lifecycle, TaskRegistry registry, EngineSettings settings,
            String workerId, Clock clock) {
        this.storage = storage;
        this.lifecycle = lifecycle;
        this.registry = registry;
        this.settings = settings;
        this.workerId = workerId;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "taskstream-leases");
            t.setDaemon(true);
            return t;
        });
        this.leases = new LeaseKeeper(storage, lifecycle, settings, workerId, clock, scheduler);
    }

    public String workerId() {
        return workerId;
    }

    public synchronized void start() {
        AtomicInteger threads = new AtomicInteger();
        // Two threads per slot: a slot frees when its handler returns, and the next task claimed for it
        // starts on a free thread while the previous one still commits its end (see ClaimedTask#freeSlot).
        int n = 2 * Math.max(1, settings.workers());
        workers = new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "taskstream-worker-" + threads.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        if (settings.workers() > 0) {
            // One slot per worker: a claimed task never waits behind a long one while it shows "Started".
            freeSlots.release(settings.workers());
            claimer = new Thread(this::claimLoop, "taskstream-claimer");
            claimer.setDaemon(true);
            claimer.start();
        }
        leases.startReaping();
    }

    /** Tells idle workers to look for tasks now (a task was enqueued, here or on another node). */
    public void wakeUp() {
        wakeUps.incrementAndGet();
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    /** Asks a task running here to stop at its next check; false when it does not run here. */
    public boolean signalCancel(UUID taskId) {
        RunningTask rt = running.get(taskId);
        if (rt == null) {
            return false;
        }
        rt.cancelRequested = true;
        return true;
    }

    public int runningCount() {
        return running.size();
    }

    /** Waits for idle workers, claims up to that many tasks at once and hands one to each. */
    private void claimLoop() {
        while (!stopping.get()) {
            long seen = wakeUps.get();
            try {
                freeSlots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            int free = 1 + freeSlots.drainPermits();
            int wanted = Math.min(free, settings.claimBatch());
            freeSlots.release(free - wanted);
            List<TaskStorage.Claim> claims = List.of();
            try {
                if (!stopping.get()) {
                    claims = storage.claim(registry.names(), workerId, leases.leaseEnd(), wanted);
                }
            } catch (RuntimeException e) {
                log.warn("claiming tasks failed (will retry): {}", e.toString());
            }
            freeSlots.release(wanted - claims.size());
            claims.forEach(this::dispatch);
            if (claims.size() == wanted) {
                continue; // the queue may hold more: claim again as soon as a slot is free
            }
            synchronized (wakeUp) {
                if (wakeUps.get() == seen && !stopping.get()) {
                    try {
                        wakeUp.wait(settings.pollInterval().toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** Hands a claimed task to a worker thread; a stopping server gives it back to the queue instead. */
    private void dispatch(TaskStorage.Claim claim) {
        ClaimedTask task = new ClaimedTask(claim);
        if (stopping.get()) {
            task.giveBack();
            return;
        }
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) { // the pool shut down since the check above
            task.giveBack();
        }
    }

    /** A claimed task handed to a worker; its lease is renewed from the claim on. */
    private final class ClaimedTask implements Runnable {
        final RunningTask rt;
        final ScheduledFuture<?> renewal;
        private final AtomicBoolean slotFree = new AtomicBoolean();

        ClaimedTask(TaskStorage.Claim claim) {
            rt = new RunningTask(claim, workerId, lifecycle, storage, settings, scheduler);
            running.put(rt.id, rt);
            renewal = leases.keep(rt);
        }

        @Override
        public void run() {
            try {
                TaskEngine.this.run(this);
            } finally {
                renewal.cancel(false);
                running.remove(rt.id);
                freeSlot();
            }
        }

        /**
         * Gives the slot back once: when the handler returned, so that the claimer claims the next task
         * while this thread still commits the end of this one (the commit is not handler work).
         */
        void freeSlot() {
            if (slotFree.compareAndSet(false, true)) {
                freeSlots.release();
            }
        }

        /** The slot goes to the task claimed in this one's completion commit: it is not freed. */
        void handOverSlot() {
            slotFree.set(true);
        }

        /** Claimed but never started (the server is stopping): back to the queue for another process. */
        void giveBack() {
            renewal.cancel(false);
            running.remove(rt.id);
            safely(() -> lifecycle.requeue(rt.id, workerId, "Requeued: the server that claimed it shut down"));
        }
    }

    private void run(ClaimedTask task) {
        RunningTask rt = task.rt;
        UUID id = rt.id;
        String name = rt.name;
        TaskHandler handler = registry.find(name).orElseThrow();
        try {
            JsonNode result;
            try {
                result = handler.run(rt);
            } catch (Exception | Error e) {
                task.freeSlot();
                throw e;
            }
            rt.checkLost();
            rt.coalescer.flush();
            completeAndClaimNext(task, result, handler.completedMessage());
        } catch (TaskCancelledException e) {
            finishCancelled(rt);
        } catch (TaskLostException e) {
            log.warn("task {} was taken from this worker (lease expired); its result is dropped", id);
        } catch (TaskInputException e) {
            log.info("task {} ({}) failed on its client's input: {}", id, name, e.getMessage());
            safely(rt.coalescer::flush);
            safely(() -> lifecycle.fail(id, workerId, describe(e)));
        } catch (Exception e) {
            log.warn("task {} ({}) failed", id, name, e);
            safely(rt.coalescer::flush);
            safely(() -> lifecycle.fail(id, workerId, describe(e)));
        }
    }

    /**
     * Completes the task and, in the same commit, claims the next one for its slot (one commit per task where a
     * completion and the claimer's claim took two). With nothing pending the slot frees, and the claimer waits
     * for new tasks as before. A stopping server only completes.
     */
    private void completeAndClaimNext(ClaimedTask task, JsonNode result, String message) {
        if (stopping.get()) {
            task.freeSlot();
            lifecycle.complete(task.rt.id, workerId, result, message);
            return;
        }
        TaskStorage.ChangeAndClaim done = lifecycle.completeAndClaim(task.rt.id, workerId, result, message,
                new TaskStorage.ClaimSpec(registry.names(), workerId, leases.leaseEnd(), 1));
        if (done.claims().isEmpty()) {
            task.freeSlot();
        } else {
            task.handOverSlot();
            done.claims().forEach(this::dispatch);
        }
        if (done.changeFailure() != null) {
            throw done.changeFailure();
        }
    }

    private void finishCancelled(RunningTask rt) {
        safely(rt.coalescer::flush);
        if (rt.cancelRequested) {
            safely(() -> lifecycle.cancelledByWorker(rt.id, workerId));
        } else {
            safely(() -> lifecycle.requeue(rt.id, workerId, "Requeued: the server running it shut down"));
        }
    }

    /** The error users see: the handler's message, but never SQL text or a stack trace. */
    private static String describe(Exception e) {
        if (e instanceof org.jdbi.v3.core.JdbiException) {
            return "database error while running the task; the server log has the details";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static void safely(Runnable action) {
        try {
            action.run();
        } catch (TaskLostException e) {
            log.warn(e.getMessage());
        } catch (RuntimeException e) {
            log.error("could not record the end of a task", e);
        }
    }

    /**
     * Stops claiming, asks running handlers to stop at their next check and waits up to
     * {@code grace} for them; interrupted tasks go back to the queue for another process.
     */
    public void shutdown(java.time.Duration grace) {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        running.values().forEach(rt -> rt.shuttingDown = true);
        wakeUp();
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            if (claimer != null) {
                claimer.interrupt();
                claimer.join(Math.max(1, grace.toMillis()));
            }
            if (workers != null) {
                List<Runnable> notStarted = new ArrayList<>();
                workers.getQueue().drainTo(notStarted);
                notStarted.forEach(r -> ((ClaimedTask) r).giveBack());
                workers.shutdown(); // after the claimer stopped: no claimed task is ever rejected
                workers.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
    }

    @Override
    public void close() {
        shutdown(java.time.Duration.ofSeconds(5));
    }
}
