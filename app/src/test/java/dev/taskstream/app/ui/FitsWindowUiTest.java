package dev.taskstream.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.Fx;
import dev.taskstream.shared.api.RebuildRequest;
import dev.taskstream.shared.api.TaskStatus;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The main window after a rebuild (communities, statistics, a selected community) shows no label, button, tab or
 * column header cut short with an ellipsis, at 1280×800 and at 1920×1080.
 */
@ExtendWith(ApplicationExtension.class)
class FitsWindowUiTest {
    private static AppTestServer server;
    private Stage stage;
    private MainWindow window;

    @BeforeAll
    static void startServer() {
        server = AppTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = MainWindow.show(stage, server, 1280, 800, "Embedded demo server · " + server.baseUrl());
    }

    @AfterEach
    void closeWindow() {
        window.close();
    }

    @Test
    void nothingIsCutShortAfterARebuildAt1280x800And1920x1080(FxRobot robot) {
        Fx.run(() -> window.view.communities().rebuild(new RebuildRequest("leiden", 1.0, null)));
        await().atMost(Duration.ofSeconds(90)).until(() ->
                Fx.get(() -> window.view.taskCard().statusProperty().get()) == TaskStatus.COMPLETED);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Fx.get(() -> !robot.lookup("#communitiesTable").queryAs(TableView.class).getItems().isEmpty()));
        @SuppressWarnings("unchecked")
        TableView<Object> table = Fx.get(() -> robot.lookup("#communitiesTable").queryAs(TableView.class));
        Fx.run(() -> table.getSelectionModel().select(0));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Fx.get(() -> !robot.lookup("#membersTable").queryAs(TableView.class).getItems().isEmpty()));

        assertNothingCutShortAt(1280, 800);
        assertNothingCutShortAt(1920, 1080);
    }

    private void assertNothingCutShortAt(double width, double height) {
        Fx.run(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
        // the skins lay out on the next pulse; wait until the scene has the size and a layout pass ran
        await().atMost(Duration.ofSeconds(60)).until(() -> Fx.get(() -> {
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            return Math.abs(stage.getScene().getWidth() - width) < 1;
        }));
        List<String> cut = Fx.get(() -> Truncations.under(stage.getScene().getRoot()));
        assertThat(cut).as("cut short at %dx%d", (int) width, (int) height).isEmpty();
    }
}
