package dev.taskstream.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.app.communitymap.CommunityPalette;
import dev.taskstream.app.communitymap.MapCanvas;
import dev.taskstream.app.communitymap.MapScene;
import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.Fx;
import dev.taskstream.shared.api.CommunityView;
import java.time.Duration;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The community map in the main window, headless, on a real in-process server: after a rebuild it draws every
 * community in the chart's colours; hovering names a community, a click on a circle selects its row, and selecting a
 * row rings its circle.
 */
@ExtendWith(ApplicationExtension.class)
class CommunityMapUiTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    @RegisterExtension
    static final AppTestServer server = AppTestServer.perClass();
    @RegisterExtension
    final MainWindow window = new MainWindow(server);

    private MapCanvas canvas(FxRobot robot) {
        return Fx.get(() -> robot.lookup("#mapCanvas").queryAs(MapCanvas.class));
    }

    @SuppressWarnings("unchecked")
    private TableView<CommunityView> table(FxRobot robot) {
        return Fx.get(() -> robot.lookup("#communitiesTable").queryAs(TableView.class));
    }

    private Point2D onScreen(MapCanvas canvas, String id) {
        return Fx.get(() -> {
            Bounds b = canvas.circleBounds(id);
            return canvas.localToScreen(b.getCenterX(), b.getCenterY());
        });
    }

    @Test
    void afterARebuildTheMapDrawsTheCommunitiesAndSelectsWithTheTable(FxRobot robot) {
        robot.clickOn("#rebuildButton");
        await().atMost(Duration.ofSeconds(60)).until(() -> Fx.get(() -> robot.lookup("#confirmRebuild").tryQuery().isPresent()));
        robot.clickOn("#confirmRebuild");
        await().atMost(WAIT).until(() -> "COMPLETED".equals(MainWindow.text(robot, "#taskStatus")));

        // the map is laid out again for the rebuilt communities: the same ids as the list, largest first
        TableView<CommunityView> table = table(robot);
        MapCanvas canvas = canvas(robot);
        await().atMost(WAIT).until(() -> Fx.get(() -> {
            MapScene s = canvas.mapProperty().get();
            List<CommunityView> rows = table.getItems();
            return s != null && rows.size() > 3 && s.circles().size() == window.view.communities().list().totalProperty().get()
                    && s.circles().get(0).id().equals(rows.get(0).id()) && s.circles().get(2).id().equals(rows.get(2).id());
        }));
        MapScene scene = Fx.get(() -> canvas.mapProperty().get());
        assertThat(scene.links()).isNotEmpty();
        assertThat(MainWindow.text(robot, "#mapCaption")).contains(scene.circles().size() + " communities");

        // the same colours as the chart's bars; drawn: inside the largest circle (away from its rank number) the pixel has the chart's first colour
        Bounds largest = Fx.get(() -> canvas.circleBounds(scene.circles().get(0).id()));
        Color pixel = Fx.get(() -> {
            WritableImage image = canvas.snapshot(null, null);
            return image.getPixelReader().getColor((int) largest.getCenterX(),
                    (int) (largest.getMinY() + largest.getHeight() * 0.2));
        });
        Color expected = CommunityPalette.color(0);
        @SuppressWarnings("unchecked")
        BarChart<Number, String> chart = Fx.get(() -> robot.lookup("#sizeChart").queryAs(BarChart.class));
        List<XYChart.Data<Number, String>> bars = Fx.get(() -> List.copyOf(chart.getData().get(0).getData()));
        assertThat(Fx.get(() -> bars.get(bars.size() - 1).getNode().getStyle())).contains(CommunityPalette.web(0));
        assertThat(Fx.get(() -> bars.get(0).getNode().getStyle())).contains(CommunityPalette.web(bars.size() - 1));
        assertThat(pixel.getRed()).isCloseTo(expected.getRed(), org.assertj.core.data.Offset.offset(0.03));
        assertThat(pixel.getGreen()).isCloseTo(expected.getGreen(), org.assertj.core.data.Offset.offset(0.03));
        assertThat(pixel.getBlue()).isCloseTo(expected.getBlue(), org.assertj.core.data.Offset.offset(0.03));

        // hover names the community and its size
        MapScene.Circle second = scene.circles().get(1);
        robot.moveTo(onScreen(canvas, second.id()));
        await().atMost(Duration.ofSeconds(60)).until(() -> Fx.get(() -> Window.getWindows().stream()
                .anyMatch(w -> w instanceof Tooltip t && t.isShowing() && t.getText().startsWith(second.name() + "\n")
                        && t.getText().contains(String.format("%,d members", second.memberCount())))));

        // a click on a circle selects its row and shows its members, as a click on the row does
        robot.clickOn(onScreen(canvas, second.id()));
        await().atMost(Duration.ofSeconds(60)).until(() -> Fx.get(() -> {
            CommunityView selected = table.getSelectionModel().getSelectedItem();
            return selected != null && selected.id().equals(second.id());
        }));
        await().atMost(Duration.ofSeconds(60)).until(() -> MainWindow.text(robot, "#detailTitle").startsWith(second.name()));
        assertThat(Fx.get(() -> window.view.communities().map().selectedIdProperty().get())).isEqualTo(second.id());

        // and selecting a row rings its circle on the map
        CommunityView third = Fx.get(() -> table.getItems().get(2));
        TableRow<?> thirdRow = Fx.get(() -> robot.lookup("#communitiesTable .table-row-cell").queryAllAs(TableRow.class)
                .stream().filter(r -> r.getItem() == third).findFirst().orElseThrow());
        robot.clickOn(thirdRow);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                third.id().equals(Fx.get(() -> canvas.selectedIdProperty().get())));
    }
}
