package dev.taskstream.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.Fx;
import dev.taskstream.shared.api.GraphStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.Button;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * "Import graph…" on a real in-process server, the file chooser bypassed (the view model's command with a temporary
 * file): the upload is answered with an {@code import_graph} task that the card follows to its statistics, and the
 * graph statistics under the list change. A file that cannot be read is a message in the view.
 */
@ExtendWith(ApplicationExtension.class)
class ImportGraphUiTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    static final AppTestServer server = AppTestServer.perClass();
    @RegisterExtension
    final MainWindow window = new MainWindow(server);

    @TempDir
    Path dir;

    private GraphStats stats() {
        return Fx.get(() -> window.view.communities().list().statsProperty().get());
    }

    private void importAndExpect(FxRobot robot, Path file, int entities, int edges) {
        await().atMost(PATIENCE).until(() -> stats() != null);
        GraphStats before = stats();

        Fx.run(() -> window.view.imports().importGraph(file));

        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(MainWindow.text(robot, "#taskStatus"))
                && Fx.get(() -> robot.lookup("#statEntities").tryQuery().isPresent()));
        assertThat(MainWindow.text(robot, "#statEntities")).isEqualTo(String.valueOf(entities));
        assertThat(MainWindow.text(robot, "#statEdges")).isEqualTo(String.valueOf(edges));
        assertThat(MainWindow.text(robot, "#taskPercent")).isEqualTo("100 %");
        await().atMost(PATIENCE).until(() -> stats().entities() == before.entities() + entities
                && stats().edges() == before.edges() + edges);
        assertThat(MainWindow.text(robot, "#graphStatsLabel")).contains("entities");
        assertThat(Fx.get(() -> window.view.imports().messageProperty().get())).isEmpty();
        assertThat(Fx.get(() -> window.view.imports().uploadingProperty().get())).isFalse();
    }

    @Test
    void importsACsvFileAsATaskTheCardFollowsAndTheStatisticsRefresh(FxRobot robot) throws IOException {
        assertThat(Fx.get(() -> ((javafx.scene.control.Label) robot.lookup("#importButton").queryAs(Button.class).getParent()).getTooltip().getText()))
                .contains("Ctrl+I");
        Path csv = Files.writeString(dir.resolve("people.csv"), """
                kind,id,name,type,source,target,relation,weight
                entity,csv-1,Ada Lovelace,person,,,,
                entity,csv-2,Charles Babbage,person,,,,
                entity,csv-3,Mary Somerville,person,,,,
                edge,,,,csv-1,csv-2,KNOWS,1.0
                edge,,,,csv-2,csv-3,KNOWS,2.0
                """);
        importAndExpect(robot, csv, 3, 2);
    }

    @Test
    void importsAJsonFile(FxRobot robot) throws IOException {
        Path json = Files.writeString(dir.resolve("pair.json"), """
                {"entities": [{"id": "json-1", "name": "Grace Hopper"}, {"id": "json-2", "name": "Alan Turing"}],
                 "edges": [{"source": "json-1", "target": "json-2", "relation": "MET", "weight": 1.0}]}
                """);
        importAndExpect(robot, json, 2, 1);
    }

    @Test
    void aFileThatCannotBeReadIsAMessageNotACrash(FxRobot robot) {
        Fx.run(() -> window.view.imports().importGraph(dir.resolve("missing.csv")));

        await().atMost(PATIENCE).until(() -> MainWindow.text(robot, "#importMessage").contains("missing.csv"));
        assertThat(Fx.get(() -> robot.lookup("#importMessage").query().isVisible())).isTrue();
        assertThat(Fx.get(() -> robot.lookup("#importButton").queryAs(Button.class).isDisabled())).isFalse();
    }
}
