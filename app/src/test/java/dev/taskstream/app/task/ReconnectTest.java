package dev.taskstream.app.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.shared.tracking.TrackedTask;
import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.UiThread;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.client.TaskstreamClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server goes away mid-task and a new one comes up on the same port and database. */
class ReconnectTest {

    @Test
    void showsReconnectingThenOfflineAndRecoversWhenTheServerReturns(@TempDir Path dir) {
        try (AppTestServer server = AppTestServer.startOnFile(dir);
                UiThread ui = new UiThread();
                TaskstreamClient client = TaskstreamClient.create(server.baseUrl())) {
            TaskCardViewModel card = new TaskCardViewModel(client, ui,
                    new TaskCardViewModel.Options(Duration.ofSeconds(2), 2, Duration.ofSeconds(1), null), Instant::now);
            UUID id = server.submitSlow(30, 100).taskId();
            card.attach(id);
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() ->
                    card.linkProperty().get() == TrackedTask.Connection.LIVE && card.progressProperty().get() > 0));

            server.stop();
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.linkProperty().get()) == TrackedTask.Connection.RECONNECTING
                    || ui.get(() -> card.linkProperty().get()) == TrackedTask.Connection.OFFLINE);
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.linkProperty().get()) == TrackedTask.Connection.OFFLINE);
            ui.run(() -> {
                assertThat(card.linkDetailProperty().get()).contains("not answering").contains(server.baseUrl());
                assertThat(card.statusProperty().get()).isEqualTo(TaskStatus.PROCESSING);
            });

            server.restart();
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.linkProperty().get()) == TrackedTask.Connection.LIVE
                    || ui.get(() -> card.statusProperty().get()) == TaskStatus.COMPLETED);
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.statusProperty().get()) == TaskStatus.COMPLETED);
            ui.run(() -> {
                assertThat(card.progressProperty().get()).isEqualTo(1.0);
                assertThat(card.linkProperty().get()).isEqualTo(TrackedTask.Connection.ENDED);
            });
            card.close();
        }
    }
}
