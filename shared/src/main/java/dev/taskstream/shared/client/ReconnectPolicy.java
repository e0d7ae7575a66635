package dev.taskstream.shared.client;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how soon an {@link SseClient} connects again: exponential backoff with jitter from the server's
 * {@code retry:} value, which HTTP statuses are worth retrying (and their {@code Retry-After}), and the limit on
 * consecutive failures. Kept apart from the connection loop so that the arithmetic can be read (and tested) alone.
 */
final class ReconnectPolicy {
    /** Upper bound of the random extra delay, as a fraction of the backoff delay. */
    static final double JITTER = 0.25;
    /** Smallest base the exponential backoff grows from (the first retry uses the server's value as is). */
    static final long MIN_GROWTH_BASE_MILLIS = 10;

    private final long maxBackoffMillis;
    private final int maxReconnectAttempts;
    private final boolean retryTransientStatuses;
    private volatile long retryMillis;
    /** Reader thread only. */
    private int failures;

    ReconnectPolicy(Duration initialRetry, Duration maxBackoff, int maxReconnectAttempts,
            boolean retryTransientStatuses) {
        this.retryMillis = initialRetry.toMillis();
        this.maxBackoffMillis = maxBackoff.toMillis();
        this.maxReconnectAttempts = maxReconnectAttempts;
        this.retryTransientStatuses = retryTransientStatuses;
    }

    /** The current base delay: the server's last {@code retry:} value or the configured initial one. */
    long retryMillis() {
        return retryMillis;
    }

    /** The server sent {@code retry:}. */
    void serverRetry(long millis) {
        retryMillis = millis;
    }

    /** Consecutive failed attempts so far (an attempt whose stream had opened counts as the first). */
    int failures() {
        return failures;
    }

    /** Whether an answer with this status is retried rather than ending the client. */
    boolean retries(int status) {
        return retryTransientStatuses && isTransient(status);
    }

    /**
     * Counts a failed attempt and returns the delay before the next one in milliseconds, or -1 when the attempts
     * are used up. A stream that had opened resets the count, so a plain drop waits about one base delay.
     *
     * @param minDelayMillis the server's {@code Retry-After}, honoured up to the cap; 0 for none
     */
    long afterFailure(boolean opened, long minDelayMillis) {
        failures = opened ? 1 : failures + 1;
        if (maxReconnectAttempts >= 0 && failures > maxReconnectAttempts) {
            return -1;
        }
        long base = retryMillis;
        return Math.max(backoffMillis(base, maxBackoffMillis, failures, ThreadLocalRandom.current().nextDouble()),
                Math.min(minDelayMillis, Math.max(maxBackoffMillis, base)));
    }

    /**
     * The reconnect delay after {@code failures} consecutive failures: {@code base × 2^(failures-1)} with up to
     * {@link #JITTER} extra, never below {@code base} and never above {@code max(cap, base)}; from the second
     * failure on the base is at least {@link #MIN_GROWTH_BASE_MILLIS}.
     *
     * @param random a number in [0, 1)
     */
    static long backoffMillis(long base, long cap, int failures, double random) {
        long ceiling = Math.max(cap, base);
        int n = Math.max(failures, 1);
        // the first retry honours the server's value exactly (even 0); growth starts from at least MIN_GROWTH_BASE
        // so that "retry: 0" and a server that keeps failing cannot cause a tight reconnect loop
        double exponential = n == 1 ? base : Math.max(base, MIN_GROWTH_BASE_MILLIS) * Math.pow(2, Math.min(n - 1, 30));
        double jittered = exponential * (1 + JITTER * random);
        return Math.max(base, (long) Math.min(jittered, ceiling));
    }

    /** A proxy or a restarting node: 502, 503, 504, and 429 Too Many Requests. */
    static boolean isTransient(int status) {
        return status == 502 || status == 503 || status == 504 || status == 429;
    }

    /** {@code Retry-After} in whole seconds as milliseconds; 0 when absent or not a plain number. */
    static long retryAfterMillis(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .map(String::strip)
                .filter(v -> !v.isEmpty() && v.length() < 10 && v.chars().allMatch(Character::isDigit))
                .map(v -> Long.parseLong(v) * 1000)
                .orElse(0L);
    }
}
