package dev.taskstream.app.ui;

import static org.awaitility.Awaitility.await;

import dev.taskstream.app.shell.Screenshots;
import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.Fx;
import dev.taskstream.shared.api.CommunityView;
import dev.taskstream.shared.api.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Not a test: writes the README screenshot when the environment variable TASKSTREAM_SCREENSHOT names the file;
 * skipped otherwise. Real data: the demo graph, an earlier label-propagation rebuild in Activity, then a Leiden
 * rebuild started from the window, its statistics in the task card, the communities list, the chart and the members
 * of a selected community.
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
        // as the app labels its in-process server in demo mode
        window = MainWindow.show(stage, server, 1400, 900, "Embedded demo server · " + server.baseUrl());
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
        // an earlier rebuild by "another client", for the Activity list
        UUID earlier = server.client().rebuildCommunities(AppTestServer.PROJECT, "label_propagation", null, null)
                .taskId();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                server.client().getTask(earlier).status() == TaskStatus.COMPLETED);

        robot.clickOn("#rebuildButton");
        await().atMost(Duration.ofSeconds(5)).until(() -> Fx.get(() -> robot.lookup("#confirmRebuild").tryQuery().isPresent()));
        robot.clickOn("#confirmRebuild");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Fx.get(() -> window.view.taskCard().statusProperty().get()) == TaskStatus.COMPLETED);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Fx.get(() -> !robot.lookup("#communitiesTable").queryAs(TableView.class).getItems().isEmpty()));

        // select the second largest community (the largest is usually a hub of everything)
        @SuppressWarnings("unchecked")
        TableView<CommunityView> table = Fx.get(() -> robot.lookup("#communitiesTable").queryAs(TableView.class));
        Fx.run(() -> table.getSelectionModel().select(Math.min(1, table.getItems().size() - 1)));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Fx.get(() -> !robot.lookup("#membersTable").queryAs(TableView.class).getItems().isEmpty()));
        Thread.sleep(800); // layout and the chart settle
        Fx.run(() -> {
            try {
                Screenshots.write(robot.lookup("#mainView").query().getScene(), Path.of(FILE));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
