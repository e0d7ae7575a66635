package dev.taskstream.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.app.fx.Formats;
import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.Fx;
import dev.taskstream.shared.api.CommunityView;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The main window, headless (Monocle), on a real in-process server: rebuild with confirmation, live progress to
 * 100 %, statistics, list reload; cancelling a running task from the card.
 */
@ExtendWith(ApplicationExtension.class)
class RebuildUiTest {
    @RegisterExtension
    static final AppTestServer server = AppTestServer.perClass();
    @RegisterExtension
    final MainWindow window = new MainWindow(server);

    private static double progress(FxRobot robot) {
        return Fx.get(() -> robot.lookup("#taskProgress").queryAs(ProgressBar.class).getProgress());
    }

    @Test
    void rebuildWithConfirmationShowsLiveProgressStatisticsAndReloadsTheList(FxRobot robot) {
        await().atMost(Duration.ofSeconds(60)).until(() -> Fx.get(() -> window.view.communities().list().reloadsProperty().get()) >= 1);
        int reloadsBefore = Fx.get(() -> window.view.communities().list().reloadsProperty().get());
        assertThat(MainWindow.text(robot, "#taskEmpty")).contains("No task yet");

        robot.clickOn("#rebuildButton");
        await().atMost(Duration.ofSeconds(60)).until(() -> Fx.get(() -> robot.lookup("#confirmRebuild").tryQuery().isPresent()));
        robot.clickOn("#confirmRebuild");

        await().atMost(Duration.ofSeconds(60)).until(() -> progress(robot) >= 1.0);
        await().atMost(Duration.ofSeconds(60)).until(() -> Fx.get(() -> robot.lookup("#taskStats").query().isVisible()));
        assertThat(MainWindow.text(robot, "#taskPercent")).isEqualTo("100 %");
        assertThat(MainWindow.text(robot, "#taskStatus")).isEqualTo("COMPLETED");
        assertThat(MainWindow.text(robot, "#taskTitle")).isEqualTo("Rebuild communities");
        assertThat(MainWindow.text(robot, "#statCommunities")).isNotBlank().isNotEqualTo("–");
        assertThat(MainWindow.text(robot, "#statMembers")).isNotBlank().isNotEqualTo("–");
        assertThat(MainWindow.text(robot, "#statGraphEdges")).isNotBlank().isNotEqualTo("–");
        assertThat(MainWindow.text(robot, "#statModularity")).matches("\\d\\.\\d{3}");
        assertThat(MainWindow.text(robot, "#statDuration")).isNotBlank();
        assertThat(MainWindow.text(robot, "#taskElapsed")).startsWith("Elapsed ");
        assertThat(MainWindow.link(robot, "#taskLink")).isEqualTo("Stream closed");
        String id = Fx.get(() -> robot.lookup("#taskIdField").queryAs(TextField.class).getText());
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(Fx.get(() -> robot.lookup("#cancelButton").query().isVisible())).isFalse();

        // the list reloads after the rebuild
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Fx.get(() -> window.view.communities().list().reloadsProperty().get()) > reloadsBefore);
        // with the communities the rebuild found: largest first, as many as the statistics say, and a chart
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Fx.get(() -> !robot.lookup("#communitiesTable").queryAs(TableView.class).getItems().isEmpty()));
        long communities = Fx.get(() -> window.view.communities().list().totalProperty().get());
        assertThat(MainWindow.text(robot, "#statCommunities")).isEqualTo(Formats.count(communities));
        assertThat(communities).isGreaterThan(1);
        List<Integer> sizes = Fx.get(() -> window.view.communities().list().communities().stream()
                .map(CommunityView::memberCount).toList());
        assertThat(sizes).isSortedAccordingTo(Comparator.reverseOrder());
        @SuppressWarnings("unchecked")
        BarChart<Number, String> chart = Fx.get(() -> robot.lookup("#sizeChart").queryAs(BarChart.class));
        List<XYChart.Data<Number, String>> bars = Fx.get(() -> List.copyOf(chart.getData().get(0).getData()));
        assertThat(bars).isNotEmpty();
        XYChart.Data<Number, String> top = bars.get(bars.size() - 1); // horizontal bars, the largest on top
        assertThat(top.getXValue().intValue()).isEqualTo(sizes.get(0));
        assertThat(top.getYValue()).startsWith("1. ");

        // clicking the largest community shows its members
        Node firstRow = Fx.get(() -> robot.lookup("#communitiesTable .table-row-cell").query());
        robot.clickOn(firstRow);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Fx.get(() -> !robot.lookup("#membersTable").queryAs(TableView.class).getItems().isEmpty()));
        String largest = Fx.get(() -> window.view.communities().list().communities().get(0).name());
        assertThat(MainWindow.text(robot, "#detailTitle")).isEqualTo(largest).endsWith("(" + sizes.get(0) + ")");
        assertThat(MainWindow.text(robot, "#detailDescription")).startsWith(sizes.get(0) + " members");
        assertThat(MainWindow.text(robot, "#memberPageLabel")).startsWith("Members page 1 of ");
        // and the rebuild shows up in Activity
        await().atMost(Duration.ofSeconds(60)).until(() -> Fx.get(() -> window.view.tasks().tasks().stream()
                .anyMatch(r -> r.id().toString().equals(id))));
    }

    @Test
    void cancelARunningTaskFromTheCard(FxRobot robot) {
        // A long task from "another client"; picked in Activity, then cancelled from the card.
        UUID id = server.submitSlow(600, 50).taskId();
        await().atMost(Duration.ofSeconds(60)).until(() -> Fx.get(() -> robot.lookup(".task-row").tryQuery().isPresent()));
        Node row = Fx.get(() -> robot.lookup(".task-row").query());
        robot.clickOn(row);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                id.toString().equals(Fx.get(() -> robot.lookup("#taskIdField").queryAs(TextField.class).getText())));
        await().atMost(Duration.ofSeconds(60)).until(() -> "Live".equals(MainWindow.link(robot, "#taskLink"))
                && progress(robot) > 0);
        assertThat(MainWindow.text(robot, "#taskStatus")).isEqualTo("PROCESSING");

        robot.clickOn("#cancelButton");
        await().atMost(Duration.ofSeconds(60)).until(() -> "CANCELLED".equals(MainWindow.text(robot, "#taskStatus")));
        assertThat(Fx.get(() -> robot.lookup("#cancelButton").queryAs(Button.class).isVisible())).isFalse();
        assertThat(Fx.get(() -> robot.lookup("#taskStats").query().isVisible())).isFalse();
    }
}
