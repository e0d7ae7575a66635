package dev.taskstream.app.ui;

import static org.awaitility.Awaitility.await;

import dev.taskstream.app.shell.Screenshots;
import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.Fx;
import dev.taskstream.app.testing.TestTasks;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Not a test: writes the README screenshot (a rebuild in progress, a finished and a failed task in Activity) when
 * the environment variable TASKSTREAM_SCREENSHOT names the file; skipped otherwise.
 * {@code TASKSTREAM_SCREENSHOT=$PWD/docs/screenshot.png ./mvnw -q -pl app -am test -Dtest=ScreenshotTour -Dsurefire.failIfNoSpecifiedTests=false}
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTour {
    private static final String FILE = System.getenv("TASKSTREAM_SCREENSHOT");
    private AppTestServer server;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        if (FILE == null || FILE.isBlank()) {
            return;
        }
        server = AppTestServer.start();
        window = MainWindow.show(stage, server);
    }

    @AfterEach
    void tearDown() {
        if (window != null) {
            window.close();
            server.close();
        }
    }

    @Test
    void writeScreenshot(FxRobot robot) throws Exception {
        Assumptions.assumeTrue(FILE != null && !FILE.isBlank(), "set TASKSTREAM_SCREENSHOT to write the screenshot");
        server.submit(TestTasks.Fail.NAME, AppTestServer.PROJECT, null);
        server.submitSlow(3, 100);
        Thread.sleep(1500);
        if (!TestTasks.REAL_REBUILD) {
            TestTasks.StandInRebuild.stepMillis = 900;
        }
        robot.clickOn("#rebuildButton");
        await().atMost(Duration.ofSeconds(5)).until(() -> Fx.get(() -> robot.lookup("#confirmRebuild").tryQuery().isPresent()));
        robot.clickOn("#confirmRebuild");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Fx.get(() -> robot.lookup("#taskProgress").queryAs(ProgressBar.class).getProgress()) >= 0.38);
        Thread.sleep(2200); // let the elapsed clock tick
        Fx.run(() -> {
            try {
                Screenshots.write(robot.lookup("#mainView").query().getScene(), Path.of(FILE));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        TestTasks.StandInRebuild.stepMillis = 60;
    }
}
