package dev.taskstream.app.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.shared.tracking.TrackedTask;
import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.TestTasks;
import dev.taskstream.app.testing.UiThread;
import dev.taskstream.shared.api.RebuildRequest;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.json.Json;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The task card's logic against a real in-process server; no UI (a plain thread plays the FX thread). */
class TaskCardViewModelTest {
    private final UiThread ui = new UiThread();
    private TaskCardViewModel vm;

    @RegisterExtension
    static final AppTestServer server = AppTestServer.perClass();

    @AfterEach
    void closeVm() {
        if (vm != null) {
            vm.close();
        }
        ui.close();
    }

    private TaskCardViewModel card(TaskCardViewModel.Options options, AtomicReference<Instant> clock) {
        vm = new TaskCardViewModel(server.client(), ui, options, clock::get);
        return vm;
    }

    @Test
    void followsARebuildToItsEndWithResultStatistics() {
        AtomicReference<Instant> clock = new AtomicReference<>(Instant.now());
        TaskCardViewModel card = card(TaskCardViewModel.Options.defaults(), clock);
        List<Double> seen = new CopyOnWriteArrayList<>();
        List<TrackedTask> finished = new CopyOnWriteArrayList<>();
        ui.run(() -> card.progressProperty().addListener((o, was, now) -> seen.add(now.doubleValue())));
        card.addFinishListener(finished::add);

        UUID id = server.rebuildLauncher().start(AppTestServer.PROJECT, new RebuildRequest("leiden", 1.0, null)).taskId();
        card.attach(id);

        await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.statusProperty().get()) == TaskStatus.COMPLETED);
        ui.run(() -> {
            assertThat(card.progressProperty().get()).isEqualTo(1.0);
            assertThat(card.percentTextProperty().get()).isEqualTo("100 %");
            assertThat(card.titleProperty().get()).isEqualTo("Rebuild communities");
            assertThat(card.linkProperty().get()).isEqualTo(TrackedTask.Connection.ENDED);
            assertThat(card.activeProperty().get()).isFalse();
            assertThat(card.canCancelProperty().get()).isFalse();
            assertThat(card.errorProperty().get()).isEmpty();
            ResultStats r = card.resultProperty().get();
            assertThat(r).isNotNull();
            assertThat(r.communities()).isPositive();
            // members: one membership per entity; graph edges: the graph's, more than the memberships in the demo
            assertThat(r.value("Members").longValue()).isPositive();
            assertThat(r.value("GraphEdges").longValue()).isGreaterThan(r.value("Members").longValue());
            assertThat(r.value("Modularity")).isNotNull();
            assertThat(r.value("Duration")).isNotNull();
            assertThat(r.stats()).extracting(ResultStats.Stat::caption)
                    .containsExactly("Communities", "Members", "Linked pairs", "Modularity", "Duration");
            // elapsed of a finished task: from its start to its end, on the server's clock; no longer ticking
            assertThat(card.elapsedProperty().get()).isNotNull().isGreaterThanOrEqualTo(Duration.ZERO);
            String before = card.elapsedTextProperty().get();
            clock.set(clock.get().plusSeconds(3600));
            card.tick();
            assertThat(card.elapsedTextProperty().get()).isEqualTo(before);
        });
        // progress only moves forward within one run, and ends at 100 %
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i)).isGreaterThanOrEqualTo(seen.get(i - 1));
        }
        assertThat(seen).isNotEmpty().last().isEqualTo(1.0);
        assertThat(finished).hasSize(1);
        assertThat(finished.get(0).name()).isEqualTo(TestTasks.REBUILD);
    }

    @Test
    void elapsedTimeTicksWhileRunningAndCancelEndsTheTask() {
        AtomicReference<Instant> clock = new AtomicReference<>(Instant.now());
        TaskCardViewModel card = card(TaskCardViewModel.Options.defaults(), clock);
        UUID id = server.submitSlow(400, 50).taskId();
        card.attach(id);
        await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() ->
                card.statusProperty().get() == TaskStatus.PROCESSING && card.linkProperty().get() == TrackedTask.Connection.LIVE
                        && card.progressProperty().get() > 0));
        ui.run(() -> {
            assertThat(card.canCancelProperty().get()).isTrue();
            Instant started = card.snapshotProperty().get().startedAt();
            assertThat(started).isNotNull();
            clock.set(started.plusSeconds(65));
            card.tick();
            assertThat(card.elapsedTextProperty().get()).isEqualTo("1:05");
            clock.set(started.plusSeconds(3723));
            card.tick();
            assertThat(card.elapsedTextProperty().get()).isEqualTo("1:02:03");
        });

        card.cancel();
        await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.statusProperty().get()) == TaskStatus.CANCELLED);
        ui.run(() -> {
            assertThat(card.linkProperty().get()).isEqualTo(TrackedTask.Connection.ENDED);
            assertThat(card.resultProperty().get()).isNull();
            assertThat(card.canCancelProperty().get()).isFalse();
        });
    }

    @Test
    void aFailedTaskShowsItsError() {
        TaskCardViewModel card = card(TaskCardViewModel.Options.defaults(), new AtomicReference<>(Instant.now()));
        UUID id = server.submit(TestTasks.Fail.NAME, AppTestServer.PROJECT, null).taskId();
        card.attach(id);
        await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.statusProperty().get()) == TaskStatus.FAILED);
        ui.run(() -> {
            assertThat(card.errorProperty().get()).contains("boom");
            assertThat(card.resultProperty().get()).isNull();
            assertThat(card.linkProperty().get()).isEqualTo(TrackedTask.Connection.ENDED);
        });
    }

    @Test
    void anUnknownTaskSaysSo() {
        TaskCardViewModel card = card(TaskCardViewModel.Options.defaults(), new AtomicReference<>(Instant.now()));
        card.attach(UUID.randomUUID());
        await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.errorProperty().get()).contains("does not know"));
        ui.run(() -> assertThat(card.linkProperty().get()).isEqualTo(TrackedTask.Connection.ENDED));
    }

    @Test
    void fallsBackToPollingWhenTheStreamIsNotAnEventStream() {
        // As behind a proxy that answers the stream URL with something else: here the server's JSON health document.
        TaskCardViewModel.Options options = TaskCardViewModel.Options.defaults()
                .withPollInterval(Duration.ofMillis(500))
                .withStreamUri(id -> URI.create(server.baseUrl() + "/api/v1/health"));
        TaskCardViewModel card = card(options, new AtomicReference<>(Instant.now()));
        UUID id = server.submitSlow(20, 100).taskId();
        card.attach(id);
        await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.linkProperty().get()) == TrackedTask.Connection.POLLING);
        ui.run(() -> assertThat(card.linkDetailProperty().get()).contains("text/event-stream").contains("checking every"));
        await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.statusProperty().get()) == TaskStatus.COMPLETED);
        ui.run(() -> {
            assertThat(card.progressProperty().get()).isEqualTo(1.0);
            assertThat(card.linkProperty().get()).isEqualTo(TrackedTask.Connection.ENDED);
            assertThat(card.linkDetailProperty().get()).contains("polling");
        });
    }

    @Test
    void fallsBackToPollingWhenTheStreamAnswersAnError() {
        // The stream URL answers 404 (no such endpoint) while GET /tasks/{id} works: poll, do not declare the task unknown.
        TaskCardViewModel.Options options = TaskCardViewModel.Options.defaults()
                .withPollInterval(Duration.ofMillis(500))
                .withStreamUri(id -> URI.create(server.baseUrl() + "/api/v1/tasks/" + id + "/no-stream-here"));
        TaskCardViewModel card = card(options, new AtomicReference<>(Instant.now()));
        UUID id = server.submit(TestTasks.Slow.NAME, "polling", Json.mapper().createObjectNode()
                .put("steps", 10).put("step_ms", 100)).taskId();
        card.attach(id);
        await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.linkProperty().get()) == TrackedTask.Connection.POLLING);
        await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.statusProperty().get()) == TaskStatus.COMPLETED);
        ui.run(() -> assertThat(card.errorProperty().get()).isEmpty());
    }

    @Test
    void triesTheStreamAgainWhilePollingAndGoesLiveWhenItWorks() {
        // The stream address is broken at first (a JSON document, as from a misconfigured proxy), then repaired.
        AtomicBoolean repaired = new AtomicBoolean(false);
        AtomicInteger attempts = new AtomicInteger();
        TaskCardViewModel.Options options = TaskCardViewModel.Options.defaults()
                .withPollInterval(Duration.ofMillis(500))
                .withStreamRetryInterval(Duration.ofSeconds(1))
                .withStreamUri(id -> {
                    attempts.incrementAndGet();
                    return URI.create(server.baseUrl() + (repaired.get() ? "/api/v1/tasks/" + id + "/stream"
                            : "/api/v1/health"));
                });
        TaskCardViewModel card = card(options, new AtomicReference<>(Instant.now()));
        UUID id = server.submit(TestTasks.Slow.NAME, "retry", Json.mapper().createObjectNode()
                .put("steps", 200).put("step_ms", 100)).taskId();
        card.attach(id);
        await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.linkProperty().get()) == TrackedTask.Connection.POLLING);
        ui.run(() -> assertThat(card.linkDetailProperty().get()).contains("trying the stream again every 1 s"));

        // the retries fail while the stream is broken: still polling, and the progress still moves
        await().atMost(Duration.ofSeconds(60)).until(() -> attempts.get() >= 3);
        double before = ui.get(() -> card.progressProperty().get());
        await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.progressProperty().get()) > before);
        ui.run(() -> assertThat(card.linkProperty().get()).isEqualTo(TrackedTask.Connection.POLLING));

        // repaired: the next retry opens the stream and the card is live again
        repaired.set(true);
        await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.linkProperty().get()) == TrackedTask.Connection.LIVE);
        ui.run(() -> assertThat(card.linkDetailProperty().get()).startsWith("Live again"));
        int attemptsWhenLive = attempts.get();
        double live = ui.get(() -> card.progressProperty().get());
        await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.progressProperty().get()) > live);
        ui.run(() -> assertThat(card.linkProperty().get()).isEqualTo(TrackedTask.Connection.LIVE));
        assertThat(attempts.get()).isEqualTo(attemptsWhenLive); // no more retries once live

        card.cancel();
        await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.statusProperty().get()) == TaskStatus.CANCELLED);
        ui.run(() -> assertThat(card.linkProperty().get()).isEqualTo(TrackedTask.Connection.ENDED));
    }
}
