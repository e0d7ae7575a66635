package dev.taskstream.app.communities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.app.task.TaskCardViewModel;
import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.TestTasks;
import dev.taskstream.app.testing.UiThread;
import dev.taskstream.shared.api.RebuildRequest;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The communities view model against a real server: rebuild, reload, 409. */
class CommunitiesViewModelTest {
    private static AppTestServer server;

    @BeforeAll
    static void startServer() {
        server = AppTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aFinishedRebuildReloadsTheList() {
        try (UiThread ui = new UiThread();
                TaskCardViewModel card = new TaskCardViewModel(server.client(), ui)) {
            CommunitiesViewModel vm = new CommunitiesViewModel(server.client(), AppTestServer.PROJECT, ui, card,
                    server.rebuildLauncher());
            ui.run(vm::reload);
            await().atMost(Duration.ofSeconds(10)).until(() -> ui.get(() -> vm.reloadsProperty().get()) == 1);

            ui.run(() -> vm.rebuild(new RebuildRequest("label_propagation", null, null)));
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.statusProperty().get()) == TaskStatus.COMPLETED);
            await().atMost(Duration.ofSeconds(10)).until(() -> ui.get(() -> vm.reloadsProperty().get()) >= 2);
            ui.run(() -> {
                assertThat(card.taskNameProperty().get()).isEqualTo(TestTasks.REBUILD);
                assertThat(vm.rebuildMessageProperty().get()).isEmpty();
                if (TestTasks.REAL_REBUILD) {
                    // the real task on the demo graph: communities, largest first, and a chart
                    assertThat(vm.totalProperty().get()).isPositive();
                    assertThat(vm.communities()).isNotEmpty();
                    assertThat(vm.largest()).isNotEmpty();
                    assertThat(vm.communities().get(0).memberCount())
                            .isGreaterThanOrEqualTo(vm.communities().get(vm.communities().size() - 1).memberCount());
                    vm.select(vm.communities().get(0));
                } else {
                    // the stand-in saves nothing, and this branch's server has no communities endpoint yet
                    assertThat(vm.listMessageProperty().get()).contains("does not serve communities");
                }
            });
            if (TestTasks.REAL_REBUILD) {
                await().atMost(Duration.ofSeconds(10)).until(() -> ui.get(() -> !vm.members().isEmpty()));
            }
        }
    }

    @Test
    void aRebuildThatIsAlreadyRunningIsShownInsteadOfStartingAnother() {
        try (UiThread ui = new UiThread();
                TaskCardViewModel card = new TaskCardViewModel(server.client(), ui, TaskCardViewModel.Options.defaults(),
                        Instant::now)) {
            // A long exclusive task plays the running rebuild; the server's real 409 answers the second start.
            RebuildLauncher launcher = (project, r) -> server.submit(TestTasks.Slow.NAME, project,
                    Json.mapper().createObjectNode().put("steps", 300).put("step_ms", 50));
            CommunitiesViewModel vm = new CommunitiesViewModel(server.client(), "busy", ui, card, launcher);
            ui.run(() -> vm.rebuild(new RebuildRequest(null, null, null)));
            await().atMost(Duration.ofSeconds(10)).until(() -> ui.get(() -> card.taskIdProperty().get()) != null);
            UUID first = ui.get(() -> card.taskIdProperty().get());

            ui.run(() -> vm.rebuild(new RebuildRequest(null, null, null)));
            await().atMost(Duration.ofSeconds(10)).until(() -> ui.get(() -> vm.rebuildMessageProperty().get())
                    .contains("already running"));
            ui.run(() -> assertThat(card.taskIdProperty().get()).isEqualTo(first));
            card.cancel();
            await().atMost(Duration.ofSeconds(10)).until(() -> ui.get(() -> card.statusProperty().get()) == TaskStatus.CANCELLED);
        }
    }
}
