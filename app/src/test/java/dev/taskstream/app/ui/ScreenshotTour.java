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
 * of a selected community. With TASKSTREAM_SCREENSHOT_REBUILD it also writes the window while the rebuild is at
 * about 40 % (between 35 and 50 %: the Leiden iterations), and with TASKSTREAM_SCREENSHOT_MAP the Map tab after the
 * rebuild (the main screenshot shows the Sizes tab). 1280×800, the smallest size the layout is tested at.
 * {@code TASKSTREAM_SCREENSHOT=$PWD/docs/screenshot.png TASKSTREAM_SCREENSHOT_REBUILD=$PWD/docs/screenshot-rebuild.png
 * TASKSTREAM_SCREENSHOT_MAP=$PWD/docs/screenshot-map.png
 * ./mvnw -q -pl app -am test -Dtest=ScreenshotTour -Dsurefire.failIfNoSpecifiedTests=false}
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTour {
    private static final String FILE = System.getenv("TASKSTREAM_SCREENSHOT");
    private static final String REBUILD_FILE = System.getenv("TASKSTREAM_SCREENSHOT_REBUILD");
    private static final String MAP_FILE = System.getenv("TASKSTREAM_SCREENSHOT_MAP");
    private AppTestServer server;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        if (FILE == null || FILE.isBlank()) {
            return;
        }
        server = AppTestServer.start();
        // as the app labels its in-process server in demo mode
        window = new MainWindow(server, 1280, 800, "Embedded demo server");
        window.show(stage);
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
        // its communities in the list, as a user who has rebuilt before sees them during the next rebuild
        Fx.run(window.view.communities()::reload);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Fx.get(() -> !robot.lookup("#communitiesTable").queryAs(TableView.class).getItems().isEmpty()));

        robot.clickOn("#rebuildButton");
        await().atMost(Duration.ofSeconds(60)).until(() -> Fx.get(() -> robot.lookup("#confirmRebuild").tryQuery().isPresent()));
        if (REBUILD_FILE != null && !REBUILD_FILE.isBlank()) {
            // written from the FX thread once the bar passed 35 % and the card's other properties followed it
            java.util.concurrent.atomic.AtomicBoolean written = new java.util.concurrent.atomic.AtomicBoolean();
            Fx.run(() -> window.view.taskCard().progressProperty().addListener((o, was, now) -> {
                if (now.doubleValue() >= 0.35 && now.doubleValue() <= 0.5 && written.compareAndSet(false, true)) {
                    javafx.application.Platform.runLater(() -> write(robot, REBUILD_FILE));
                }
            }));
            robot.clickOn("#confirmRebuild");
            await().atMost(Duration.ofSeconds(120)).until(written::get);
        } else {
            robot.clickOn("#confirmRebuild");
        }
        await().atMost(Duration.ofSeconds(120)).until(() ->
                Fx.get(() -> window.view.taskCard().statusProperty().get()) == TaskStatus.COMPLETED);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Fx.get(() -> !robot.lookup("#communitiesTable").queryAs(TableView.class).getItems().isEmpty()));

        // select the second largest community (the largest is usually a hub of everything)
        @SuppressWarnings("unchecked")
        TableView<CommunityView> table = Fx.get(() -> robot.lookup("#communitiesTable").queryAs(TableView.class));
        // (again if the list reloaded after the rebuild in between, which clears the selection)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> Fx.get(() -> {
            if (table.getSelectionModel().isEmpty()) {
                table.getSelectionModel().select(Math.min(1, table.getItems().size() - 1));
            }
            return !robot.lookup("#membersTable").queryAs(TableView.class).getItems().isEmpty();
        }));
        Thread.sleep(800); // layout and the chart settle
        if (MAP_FILE != null && !MAP_FILE.isBlank()) {
            Fx.run(() -> write(robot, MAP_FILE)); // the Map tab is the first one
        }
        Fx.run(() -> robot.lookup("#chartTabs").queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel().select(1)); // the size chart
        Thread.sleep(800);
        Fx.run(() -> write(robot, FILE));
    }

    /** On the FX thread. */
    private static void write(FxRobot robot, String file) {
        try {
            Screenshots.write(robot.lookup("#mainView").query().getScene(), Path.of(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
