package dev.taskstream.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.Fx;
import dev.taskstream.shared.api.CommunityView;
import dev.taskstream.shared.api.RebuildRequest;
import dev.taskstream.shared.api.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The communities table after a rebuild of the demo graph reads at 1280×800 (and in the window the app opens on a
 * screen of that size, 1216×736): no community name is cut short, the size is shown once (in Members, not again in
 * the name), and the Top members column does not repeat the community's name.
 */
@ExtendWith(ApplicationExtension.class)
class CommunityTableUiTest {
    @RegisterExtension
    static final AppTestServer server = AppTestServer.perClass();
    @RegisterExtension
    final MainWindow window = new MainWindow(server, 1280, 800, "Embedded demo server");

    @Test
    void namesAreWholeTheSizeIsShownOnceAndTopMembersDoNotRepeatTheName(FxRobot robot) {
        Fx.run(() -> window.view.communities().actions().rebuild(new RebuildRequest(null, null, null)));
        await().atMost(Duration.ofSeconds(120)).until(() ->
                Fx.get(() -> window.view.taskCard().statusProperty().get()) == TaskStatus.COMPLETED);
        @SuppressWarnings("unchecked")
        TableView<CommunityView> table = Fx.get(() -> robot.lookup("#communitiesTable").queryAs(TableView.class));
        await().atMost(Duration.ofSeconds(60)).until(() -> Fx.get(() -> table.getItems().size()) > 20);

        for (int[] size : new int[][] {{1280, 800}, {1216, 736}}) {
            resize(size[0], size[1]);
            List<Row> rows = Fx.get(() -> rows(table));
            assertThat(rows).as("rows shown at %dx%d", size[0], size[1]).hasSizeGreaterThan(5);
            for (Row r : rows) {
                assertThat(r.shownName()).as("the name at %dx%d", size[0], size[1]).isEqualTo(r.name());
                assertThat(r.name()).as("the size is in Members only").doesNotContain("(" + r.members() + ")");
                assertThat(r.topMembers()).as("top members of " + r.name()).isNotBlank()
                        .doesNotContain(r.name());
            }
        }
    }

    /** A row as shown: the name cell's text and what its skin draws, the members and top members cells' texts. */
    private record Row(String name, String shownName, String members, String topMembers) {
    }

    private void resize(double width, double height) {
        Fx.run(() -> {
            window.stage.setWidth(width);
            window.stage.setHeight(height);
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> Fx.get(() -> {
            window.stage.getScene().getRoot().applyCss();
            window.stage.getScene().getRoot().layout();
            return Math.abs(window.stage.getScene().getWidth() - width) < 1;
        }));
    }

    private static List<Row> rows(TableView<CommunityView> table) {
        List<TableCell<?, ?>> cells = new ArrayList<>();
        collect(table, cells);
        List<Row> rows = new ArrayList<>();
        for (TableCell<?, ?> name : cells) {
            if (!"nameColumn".equals(name.getTableColumn().getId()) || name.isEmpty() || name.getText() == null) {
                continue;
            }
            rows.add(new Row(name.getText(), shown(name), cellOf(cells, "membersColumn", name.getIndex()),
                    cellOf(cells, "topMembersColumn", name.getIndex())));
        }
        return rows;
    }

    private static String cellOf(List<TableCell<?, ?>> cells, String column, int index) {
        return cells.stream().filter(c -> column.equals(c.getTableColumn().getId()) && c.getIndex() == index)
                .map(c -> c.getText() != null ? c.getText() : String.valueOf(c.getItem())).findFirst().orElse("");
    }

    private static void collect(Node node, List<TableCell<?, ?>> into) {
        if (node instanceof TableCell<?, ?> cell && cell.isVisible() && cell.getTableColumn() != null) {
            into.add(cell);
        }
        if (node instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> collect(child, into));
        }
    }

    /** What the skin draws: the clipped text (ending in an ellipsis) when the cell is too narrow. */
    private static String shown(TableCell<?, ?> cell) {
        for (Node child : cell.getChildrenUnmodifiable()) {
            if (child instanceof Text t) {
                return t.getText();
            }
        }
        return cell.getText();
    }
}
