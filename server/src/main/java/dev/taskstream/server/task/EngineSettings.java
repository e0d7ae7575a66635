package dev.taskstream.server.task;

import java.time.Duration;

/**
 * @param workers       worker threads claiming tasks in this process
 * @param lease         how long a claim lasts without renewal; renewed every third of it
 * @param pollInterval  how often idle workers look for tasks enqueued elsewhere (wake-ups are pushed too)
 * @param reapInterval  how often expired leases are looked for
 * @param cancelCheckInterval  at most one database read per interval for a worker's cancellation checks
 * @param claimBatch    at most this many tasks claimed in one statement (never more than idle workers)
 * @param progressRate  progress steps written per second per task at most; faster steps are coalesced
 *                      ({@link ProgressCoalescer}); 0 writes every step
 */
public record EngineSettings(int workers, Duration lease, Duration pollInterval, Duration reapInterval,
        Duration cancelCheckInterval, int claimBatch, double progressRate) {
    public static final double DEFAULT_PROGRESS_RATE = 20;

    public static EngineSettings defaults(int workers) {
        return new EngineSettings(workers, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofMillis(500), 32, DEFAULT_PROGRESS_RATE);
    }

    public EngineSettings withLease(Duration lease, Duration reapInterval) {
        return new EngineSettings(workers, lease, pollInterval, reapInterval, cancelCheckInterval, claimBatch,
                progressRate);
    }

    public EngineSettings withProgressRate(double progressRate) {
        return new EngineSettings(workers, lease, pollInterval, reapInterval, cancelCheckInterval, claimBatch,
                progressRate);
    }
}
