package dev.taskstream.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.Fx;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A watched task that ends while the user looks at another window: the main window's title says so, a banner with
 * the result appears; once the window is focused again its title is the app's.
 */
@ExtendWith(ApplicationExtension.class)
class TaskEndNoticeUiTest {
    @RegisterExtension
    static final AppTestServer server = AppTestServer.perClass();
    @RegisterExtension
    final MainWindow window = new MainWindow(server);

    /**
     * The user switches to another application. Monocle's headless window manager gives focus but never takes it
     * from a window, so the stage is told what a desktop's glass peer tells it when focus leaves or comes back.
     */
    private void focus(boolean focused) {
        Fx.run(() -> com.sun.javafx.stage.WindowHelper.setFocused(window.stage, focused));
        await().atMost(Duration.ofSeconds(60)).until(() -> Fx.get(window.stage::isFocused) == focused);
    }

    private String title() {
        return Fx.get(window.stage::getTitle);
    }

    @Test
    void aTaskThatCompletesWhileTheWindowIsNotFocusedShowsInTheTitleAndABanner(FxRobot robot) {
        await().atMost(Duration.ofSeconds(60)).until(() -> "Taskstream".equals(title()));
        UUID id = server.submitSlow(30, 100).taskId();
        Fx.run(() -> window.view.taskCard().attach(id));
        awaitRunning(robot);
        focus(false);

        await().atMost(Duration.ofSeconds(60)).until(() -> "✓ App test slow completed — Taskstream".equals(title()));
        assertThat(Fx.get(() -> robot.lookup("#endBanner").query().isVisible())).isTrue();
        assertThat(MainWindow.text(robot, "#endBannerText")).startsWith("✓ App test slow completed");

        // back to the window: the title is the app's again
        focus(true);
        await().atMost(Duration.ofSeconds(60)).until(() -> "Taskstream".equals(title()));
    }

    private static void awaitRunning(FxRobot robot) {
        await().atMost(Duration.ofSeconds(60)).until(() -> "PROCESSING".equals(MainWindow.text(robot, "#taskStatus")));
    }

    @Test
    void aTaskThatEndsBadlyWhileTheWindowIsNotFocusedSaysSoInTheTitle(FxRobot robot) {
        // cancelled by another client while the user looks elsewhere: not a success, so ✗ and a red banner
        UUID id = server.submitSlow(600, 50).taskId();
        Fx.run(() -> window.view.taskCard().attach(id));
        awaitRunning(robot);
        focus(false);
        server.client().cancelTask(id);

        await().atMost(Duration.ofSeconds(60)).until(() -> "✗ App test slow cancelled — Taskstream".equals(title()));
        assertThat(Fx.get(() -> robot.lookup("#endBanner").query().getPseudoClassStates().toString()))
                .contains("failed");
        // the banner can be dismissed before it goes by itself
        robot.clickOn(".end-banner-close");
        await().atMost(Duration.ofSeconds(60)).until(() -> Fx.get(() -> !robot.lookup("#endBanner").query().isVisible()));
    }

    @Test
    void pickingAFinishedTaskAnnouncesNothing(FxRobot robot) {
        UUID id = server.submitSlow(1, 10).taskId();
        await().atMost(Duration.ofSeconds(60)).until(() -> server.client().getTask(id).status().isTerminal());
        focus(false);
        Fx.run(() -> window.view.taskCard().attach(id));
        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(MainWindow.text(robot, "#taskStatus")));
        assertThat(title()).isEqualTo("Taskstream");
        assertThat(Fx.get(() -> robot.lookup("#endBanner").query().isVisible())).isFalse();
    }
}
