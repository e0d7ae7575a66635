package dev.taskstream.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.app.communitymap.MapScene;
import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.Fx;
import dev.taskstream.app.testing.TestTasks;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.json.Json;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * While a rebuild of the project runs, the map keeps the communities it has, marked as being rebuilt, and never says
 * "No communities yet". The server has one worker: a slow task of another project holds it, so another client's
 * rebuild waits (pending, shown in Activity) for as long as the test needs, without any timing.
 */
@ExtendWith(ApplicationExtension.class)
class MapDuringRebuildUiTest {
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @RegisterExtension
    static final AppTestServer server = AppTestServer.perClass().with(s -> s.withWorkers(1));
    @RegisterExtension
    final MainWindow window = new MainWindow(server);

    private String mapMessage(FxRobot robot) {
        return MainWindow.text(robot, "#mapMessage");
    }

    private int circles() {
        return Fx.get(() -> {
            MapScene s = window.view.communities().map().sceneProperty().get();
            return s == null ? 0 : s.circles().size();
        });
    }

    /** A rebuild of the demo project by another client, held in the queue behind a slow task of another project. */
    private UUID[] heldRebuild() {
        server.client().putProject("other", "Other");
        UUID hog = server.submit(TestTasks.Slow.NAME, "other",
                Json.mapper().createObjectNode().put("steps", 10_000).put("step_ms", 50)).taskId();
        await().atMost(PATIENCE).until(() -> server.client().getTask(hog).status() == TaskStatus.PROCESSING);
        UUID rebuild = server.client().rebuildCommunities(AppTestServer.PROJECT, null, null, null).taskId();
        return new UUID[] {hog, rebuild};
    }

    private void release(UUID[] held) {
        server.client().cancelTask(held[0]);
        await().atMost(PATIENCE).until(() -> server.client().getTask(held[1]).status() == TaskStatus.COMPLETED);
    }

    @Test
    void theMapKeepsTheLastCommunitiesWhileARebuildRuns(FxRobot robot) {
        // no communities yet, and a first rebuild waiting: the map says they are being detected
        await().atMost(PATIENCE).until(() -> mapMessage(robot).startsWith("No communities yet"));
        UUID[] first = heldRebuild();
        await().atMost(PATIENCE).until(() -> mapMessage(robot).startsWith("Detecting communities"));
        release(first);
        await().atMost(PATIENCE).until(() -> circles() > 20 && mapMessage(robot).isEmpty());
        int drawn = circles();

        // a second rebuild waits: the map keeps its circles, says so, and a refresh does not empty it
        UUID[] second = heldRebuild();
        await().atMost(PATIENCE).until(() -> MainWindow.text(robot, "#mapCaption").startsWith("Being rebuilt"));
        assertThat(circles()).isEqualTo(drawn);
        assertThat(mapMessage(robot)).isEmpty();
        int reloads = Fx.get(() -> window.view.communities().list().reloadsProperty().get());
        robot.clickOn("#refreshButton");
        await().atMost(PATIENCE).until(() -> Fx.get(() -> window.view.communities().list().reloadsProperty().get())
                > reloads);
        assertThat(circles()).isEqualTo(drawn);
        assertThat(mapMessage(robot)).isEmpty();
        assertThat(MainWindow.text(robot, "#mapCaption")).startsWith("Being rebuilt");

        // when it ends, the new communities replace them and the mark goes
        release(second);
        await().atMost(PATIENCE).until(() -> !MainWindow.text(robot, "#mapCaption").startsWith("Being rebuilt")
                && circles() > 20);
        assertThat(mapMessage(robot)).isEmpty();
    }
}
