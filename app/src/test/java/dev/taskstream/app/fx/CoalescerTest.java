package dev.taskstream.app.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.app.testing.UiThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CoalescerTest {

    @Test
    void aBurstFromSeveralThreadsCostsFewUiTasksAndTheLastStateWins() throws Exception {
        try (UiThread ui = new UiThread()) {
            AtomicLong latest = new AtomicLong();
            AtomicInteger applies = new AtomicInteger();
            List<Long> applied = new ArrayList<>(); // UI thread only
            Coalescer c = new Coalescer(ui, () -> {
                applies.incrementAndGet();
                applied.add(latest.get());
                try {
                    Thread.sleep(2); // a UI update takes time; events keep coming meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            int threads = 4;
            int perThread = 5_000;
            List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                producers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perThread; i++) {
                        latest.accumulateAndGet(1, Long::sum);
                        c.signal();
                    }
                }));
            }
            for (Thread p : producers) {
                p.join();
            }
            long last = latest.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> !applied.isEmpty()
                    && applied.get(applied.size() - 1) == last));
            assertThat(applies.get()).isLessThan(threads * perThread / 10);
        }
    }
}
