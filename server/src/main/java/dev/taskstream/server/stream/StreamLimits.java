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
    private final ConcurrentHashMap<String, AtomicInteger> byClient = new ConcurrentHashMap<>();

    /** Limits of 0 mean "no limit". */
    StreamLimits(int perClient, int total) {
        this.perClient = perClient;
        this.total = total;
    }

    /** Takes a slot for {@code client} or throws a 503; pair every success with {@link #release}. */
    void acquire(String client) {
        if (total > 0 && open.incrementAndGet() > total) {
            open.decrementAndGet();
            throw busy("this server has " + total + " streams open, its limit");
        } else if (total <= 0) {
            open.incrementAndGet();
        }
        AtomicInteger mine = byClient.computeIfAbsent(client, c -> new AtomicInteger());
        if (perClient > 0 && mine.incrementAndGet() > perClient) {
            release(client);
            throw busy("client " + client + " has " + perClient + " streams open, the limit per client address");
        } else if (perClient <= 0) {
            mine.incrementAndGet();
        }
    }

    void release(String client) {
        open.decrementAndGet();
        byClient.computeIfPresent(client, (c, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    private static ApiException busy(String why) {
        return new ApiException(503, "too_many_streams", why + "; close some streams or retry later");
    }
}
