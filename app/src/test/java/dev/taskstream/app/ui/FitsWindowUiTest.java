package dev.taskstream.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.Fx;
import dev.taskstream.shared.api.RebuildRequest;
import dev.taskstream.shared.api.TaskStatus;
import java.time.Duration;
import java.util.List;
import javafx.scene.chart.Axis;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The main window after a rebuild (communities, statistics, a selected community) shows no label, button, tab or
 * column header cut short with an ellipsis, at 1280×800 and at 1920×1080, and in the window the app opens on a
 * 1280×800 screen (1216×736) the size chart labels every bar.
 */
@ExtendWith(ApplicationExtension.class)
class FitsWindowUiTest {
    @RegisterExtension
    static final AppTestServer server = AppTestServer.perClass();
    @RegisterExtension
    final MainWindow window = new MainWindow(server, 1280, 800, "Embedded demo server");

    @Test
    void nothingIsCutShortAfterARebuildAt1280x800And1920x1080(FxRobot robot) {
        Fx.run(() -> window.view.communities().actions().rebuild(new RebuildRequest("leiden", 1.0, null)));
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

        // the Sizes tab in the window the app opens on a 1280x800 screen (95 % x 92 % of it, DesktopApp): every bar
        // keeps its label (a category axis hides the labels that do not fit)
        Fx.run(() -> robot.lookup("#chartTabs").queryAs(TabPane.class).getSelectionModel().select(1));
        assertNothingCutShortAt(1216, 736);
        CategoryAxis axis = Fx.get(() -> robot.lookup("#chartY").queryAs(CategoryAxis.class));
        await().atMost(Duration.ofSeconds(60)).until(() -> Fx.get(() -> axis.getTickMarks().size()) == 10);
        List<String> unlabelled = Fx.get(() -> axis.getTickMarks().stream().filter(m -> !m.isTextVisible())
                .map(m -> String.valueOf(m.getValue())).toList());
        assertThat(unlabelled).as("bars without a label at 1216x736").isEmpty();
    }

    private void assertNothingCutShortAt(double width, double height) {
        Fx.run(() -> {
            window.stage.setWidth(width);
            window.stage.setHeight(height);
        });
        // the skins lay out on the next pulse; wait until the scene has the size and a layout pass ran
        await().atMost(Duration.ofSeconds(60)).until(() -> Fx.get(() -> {
            window.stage.getScene().getRoot().applyCss();
            window.stage.getScene().getRoot().layout();
            return Math.abs(window.stage.getScene().getWidth() - width) < 1;
        }));
        List<String> cut = Fx.get(() -> Truncations.under(window.stage.getScene().getRoot()));
        assertThat(cut).as("cut short at %dx%d", (int) width, (int) height).isEmpty();
    }
}
