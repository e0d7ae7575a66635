package dev.taskstream.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.app.communitymap.CommunityMapViewModel;
import dev.taskstream.app.communitymap.MapCanvas;
import dev.taskstream.app.communitymap.MapScene;
import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.Fx;
import dev.taskstream.shared.api.CommunityMap;
import dev.taskstream.shared.api.CommunityView;
import dev.taskstream.shared.api.TaskAccepted;
import dev.taskstream.shared.api.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The map follows rebuilds that another client started (through the REST API, not this window): the Activity stream
 * sees the rebuild end, the communities reload, and the map is laid out again for the new communities; clicking on
 * the map and on the table still select together afterwards.
 */
@ExtendWith(ApplicationExtension.class)
class CommunityMapFollowsOtherClientsUiTest {
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

    private static List<String> ids(MapScene scene) {
        return scene == null ? List.of() : scene.circles().stream().map(MapScene.Circle::id).toList();
    }

    /** Another client rebuilds: through the REST client, on the same server, and waits for it to complete. */
    private List<String> rebuildElsewhere(Double resolution) {
        TaskAccepted accepted = server.client().rebuildCommunities(AppTestServer.PROJECT, null, resolution, null);
        await().atMost(WAIT).until(() -> server.client().getTask(accepted.taskId()).status().isTerminal());
        assertThat(server.client().getTask(accepted.taskId()).status()).isEqualTo(TaskStatus.COMPLETED);
        CommunityMap now = server.client().communityMap(AppTestServer.PROJECT, CommunityMapViewModel.LIMIT);
        return now.communities().stream().map(CommunityMap.Community::id).toList();
    }

    /** Waits until the map draws exactly {@code expected} (the server's communities) and the table lists them. */
    private MapScene awaitMapOf(FxRobot robot, List<String> expected) {
        MapCanvas canvas = canvas(robot);
        TableView<CommunityView> table = table(robot);
        await().atMost(WAIT).until(() -> Fx.get(() -> Set.copyOf(ids(canvas.mapProperty().get())).equals(Set.copyOf(expected))
                && !table.getItems().isEmpty() && expected.contains(table.getItems().get(0).id())));
        MapScene scene = Fx.get(() -> canvas.mapProperty().get());
        assertThat(scene.circles()).hasSize(expected.size());
        assertThat(MainWindow.text(robot, "#mapCaption")).contains(expected.size() + " communities");
        // the caption has its own line: no circle is drawn over it
        List<String> overCaption = Fx.get(() -> {
            Bounds caption = robot.lookup("#mapCaption").query().localToScene(
                    robot.lookup("#mapCaption").query().getLayoutBounds());
            return scene.circles().stream().map(MapScene.Circle::id)
                    .filter(id -> canvas.localToScene(canvas.circleBounds(id)).intersects(caption)).toList();
        });
        assertThat(overCaption).isEmpty();
        assertThat(Fx.get(() -> window.view.communities().list().totalProperty().get())).isEqualTo(expected.size());
        // what the map names is what the table lists, largest first
        List<CommunityView> rows = Fx.get(() -> List.copyOf(table.getItems()));
        assertThat(scene.circles().get(0).id()).isEqualTo(rows.get(0).id());
        assertThat(scene.circles().get(0).name()).isEqualTo(rows.get(0).name());
        return scene;
    }

    private Point2D onScreen(MapCanvas canvas, String id) {
        return Fx.get(() -> {
            Bounds b = canvas.circleBounds(id);
            return canvas.localToScreen(b.getCenterX(), b.getCenterY());
        });
    }

    @Test
    void anotherClientsRebuildLaysTheMapOutAgainAndSelectionStillLinks(FxRobot robot) {
        await().atMost(WAIT).until(() -> Fx.get(() -> window.view.communities().list().reloadsProperty().get() > 0
                && window.view.tasks().linkProperty().get() == dev.taskstream.shared.tracking.TrackedTask.Connection.LIVE));

        List<String> first = rebuildElsewhere(null);
        MapScene firstScene = awaitMapOf(robot, first);
        // the card never followed these rebuilds: the window learnt of them from its Activity stream
        assertThat(Fx.get(() -> window.view.taskCard().taskIdProperty().get())).isNull();

        // a second rebuild elsewhere replaces a map that is already drawn (new communities, new ids)
        List<String> second = rebuildElsewhere(2.0);
        assertThat(second).doesNotContainAnyElementsOf(first);
        MapScene secondScene = awaitMapOf(robot, second);
        assertThat(secondScene).isNotSameAs(firstScene);
        Set<String> drawn = secondScene.circles().stream().map(MapScene.Circle::id).collect(Collectors.toSet());
        assertThat(drawn).doesNotContainAnyElementsOf(first);

        // a click on a circle selects its row and shows its members
        MapCanvas canvas = canvas(robot);
        TableView<CommunityView> table = table(robot);
        MapScene.Circle picked = secondScene.circles().get(1);
        robot.clickOn(onScreen(canvas, picked.id()));
        await().atMost(WAIT).until(() -> Fx.get(() -> {
            CommunityView selected = table.getSelectionModel().getSelectedItem();
            return selected != null && selected.id().equals(picked.id());
        }));
        await().atMost(WAIT).until(() -> MainWindow.text(robot, "#detailTitle").startsWith(picked.name()));

        // and selecting a row rings its circle
        CommunityView third = Fx.get(() -> table.getItems().get(2));
        TableRow<?> thirdRow = Fx.get(() -> robot.lookup("#communitiesTable .table-row-cell").queryAllAs(TableRow.class)
                .stream().filter(r -> r.getItem() == third).findFirst().orElseThrow());
        robot.clickOn(thirdRow);
        await().atMost(WAIT).until(() -> third.id().equals(Fx.get(() -> canvas.selectedIdProperty().get())));
        await().atMost(WAIT).until(() -> MainWindow.text(robot, "#detailTitle").startsWith(third.name()));
    }
}
