package dev.taskstream.server.stream;

import dev.taskstream.server.http.ApiException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps open streams per client address and in total, so one client (or a reconnect storm) cannot
 * take every stream slot. A refused stream gets a 503 with Retry-After; an EventSource reports the
 * error instead of holding a slot.
 */
final class StreamLimits {
    private final int perClient;
    private final int total;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> byClient = new ConcurrentHashMap<>();

    /** Limits of 0 mean "no limit". */
    StreamLimits(int perClient, int total) {
        this.perClient = perClient;
        this.total = total;
    }

    /** Takes a slot for {@code client} or throws a 503; pair every success with {@link #release}. */
    void acquire(String client) {
        if (open.incrementAndGet() > total && total > 0) {
            open.decrementAndGet();
            throw busy("this server has " + total + " streams open, its limit");
        }
        // Check and increment in one compute, so that a concurrent release cannot drop the counter
        // between them (the per-client limit would then let extra streams through).
        boolean[] refused = {false};
        byClient.compute(client, (c, n) -> {
            int now = n == null ? 0 : n;
            if (perClient > 0 && now >= perClient) {
                refused[0] = true;
                return n;
            }
            return now + 1;
        });
        if (refused[0]) {
            open.decrementAndGet();
            throw busy("client " + client + " has " + perClient + " streams open, the limit per client address");
        }
    }

    void release(String client) {
        byClient.computeIfPresent(client, (c, n) -> n <= 1 ? null : n - 1);
        open.decrementAndGet();
    }

    /** Streams open now from {@code client}; 0 once it has none (its counter is then gone). */
    int openFrom(String client) {
        return byClient.getOrDefault(client, 0);
    }

    /** Client addresses with a counter: those with at least one stream open. */
    int clientsTracked() {
        return byClient.size();
    }

    int openTotal() {
        return open.get();
    }

    private static ApiException busy(String why) {
        return new ApiException(503, "too_many_streams", why + "; close some streams or retry later");
    }
}
