package dev.taskstream.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstream.server.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many threads taking and giving back stream slots at once: the limits hold at every moment, and
 * nothing is left counted afterwards. (StreamLimitsTest checks the limits over real HTTP.)
 */
class StreamLimitsConcurrencyTest {
    private static final int PER_CLIENT = 2;
    private static final int TOTAL = 3;
    private static final List<String> CLIENTS = List.of("10.0.0.1", "10.0.0.2");

    @Test
    void limitsHoldUnderConcurrentAcquireAndRelease() throws Exception {
        StreamLimits limits = new StreamLimits(PER_CLIENT, TOTAL);
        Map<String, AtomicInteger> holding = new ConcurrentHashMap<>();
        CLIENTS.forEach(c -> holding.put(c, new AtomicInteger()));
        AtomicInteger holdingTotal = new AtomicInteger();
        AtomicInteger worstPerClient = new AtomicInteger();
        AtomicInteger worstTotal = new AtomicInteger();
        AtomicInteger granted = new AtomicInteger();
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String client = CLIENTS.get(t % CLIENTS.size());
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 50_000; i++) {
                        try {
                            limits.acquire(client);
                        } catch (ApiException busy) {
                            continue;
                        }
                        granted.incrementAndGet();
                        worstPerClient.accumulateAndGet(holding.get(client).incrementAndGet(), Math::max);
                        worstTotal.accumulateAndGet(holdingTotal.incrementAndGet(), Math::max);
                        holdingTotal.decrementAndGet();
                        holding.get(client).decrementAndGet();
                        limits.release(client);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(granted.get()).as("some slots were granted").isPositive();
        assertThat(worstPerClient.get()).as("most streams one client held at once").isLessThanOrEqualTo(PER_CLIENT);
        assertThat(worstTotal.get()).as("most streams held at once").isLessThanOrEqualTo(TOTAL);
        assertThat(limits.openTotal()).isZero();
        assertThat(limits.clientsTracked()).as("counters left behind").isZero();
        CLIENTS.forEach(c -> assertThat(limits.openFrom(c)).isZero());
    }

    @Test
    void refusedAcquireGivesItsSlotBack() {
        StreamLimits limits = new StreamLimits(1, 0);
        limits.acquire("a");
        for (int i = 0; i < 3; i++) {
            try {
                limits.acquire("a");
            } catch (ApiException expected) {
                assertThat(expected.status()).isEqualTo(503);
            }
        }
        assertThat(limits.openFrom("a")).isEqualTo(1);
        assertThat(limits.openTotal()).isEqualTo(1);
        limits.release("a");
        assertThat(limits.clientsTracked()).isZero();
        assertThat(limits.openTotal()).isZero();
    }
}
