package dev.taskstream.app.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.shared.tracking.TrackedTask;
import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.TestTasks;
import dev.taskstream.app.testing.UiThread;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.json.Json;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Activity list, live from the real all-tasks stream. */
class TaskListViewModelTest {

    @Test
    void showsRunningAndFinishedTasksOfTheProjectLive() {
        try (AppTestServer server = AppTestServer.start(); UiThread ui = new UiThread()) {
            UUID before = server.submit(TestTasks.Fail.NAME, AppTestServer.PROJECT, null).taskId();
            TaskListViewModel vm = new TaskListViewModel(server.client(), AppTestServer.PROJECT, ui);
            vm.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> vm.linkProperty().get()) == TrackedTask.Connection.LIVE);
            // the snapshot on connect has the task that ran before
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> vm.tasks().stream()
                    .anyMatch(r -> r.id().equals(before) && r.status() == TaskStatus.FAILED)));

            UUID slow = server.submitSlow(200, 20).taskId();
            UUID other = server.submit(TestTasks.Slow.NAME, "elsewhere",
                    Json.mapper().createObjectNode().put("steps", 2).put("step_ms", 10)).taskId();
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> vm.tasks().stream()
                    .anyMatch(r -> r.id().equals(slow) && r.status() == TaskStatus.PROCESSING && r.progress() > 0)));
            ui.run(() -> {
                assertThat(vm.tasks().get(0).id()).as("running tasks first").isEqualTo(slow);
                assertThat(vm.tasks()).noneMatch(r -> r.id().equals(other));
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> vm.tasks().stream()
                    .anyMatch(r -> r.id().equals(slow) && r.status() == TaskStatus.COMPLETED && r.progress() == 100)));
            vm.close();
        }
    }
}
