package dev.taskstream.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.Fx;
import dev.taskstream.app.testing.TestTasks;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * While another client's import of the project runs (seen in the Activity stream), Rebuild Communities and Import
 * graph… are disabled and their tooltips name the import; they are enabled again when it ends. The server has one
 * worker, held by a slow task of another project, so the import waits (pending) as long as the test needs.
 */
@ExtendWith(ApplicationExtension.class)
class ActionsWhileAnotherClientImportsUiTest {
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @RegisterExtension
    static final AppTestServer server = AppTestServer.perClass().with(s -> s.withWorkers(1));
    @RegisterExtension
    final MainWindow window = new MainWindow(server);

    @TempDir
    Path dir;

    private static boolean disabled(FxRobot robot, String id) {
        return Fx.get(() -> robot.lookup(id).queryAs(Button.class).isDisabled());
    }

    /** The tooltip of the holder around the button: a disabled button gets no mouse events, its holder does. */
    private static String tooltip(FxRobot robot, String id) {
        return Fx.get(() -> ((Label) robot.lookup(id).queryAs(Button.class).getParent()).getTooltip().getText());
    }

    @Test
    void rebuildAndImportAreOffWhileAnotherClientsImportRuns(FxRobot robot) throws IOException {
        await().atMost(PATIENCE).until(() -> !disabled(robot, "#rebuildButton") && !disabled(robot, "#importButton"));
        assertThat(tooltip(robot, "#rebuildButton")).startsWith("Rebuild the communities");

        server.client().putProject("other", "Other");
        UUID hog = server.submit(TestTasks.Slow.NAME, "other",
                Json.mapper().createObjectNode().put("steps", 10_000).put("step_ms", 50)).taskId();
        await().atMost(PATIENCE).until(() -> server.client().getTask(hog).status() == TaskStatus.PROCESSING);
        Path csv = Files.writeString(dir.resolve("two.csv"), """
                kind,id,name,type,source,target,relation,weight
                entity,x-1,Ada Lovelace,person,,,,
                entity,x-2,Charles Babbage,person,,,,
                edge,,,,x-1,x-2,KNOWS,1.0
                """);
        UUID imported = server.client().importGraph(AppTestServer.PROJECT, csv, n -> { }).taskId();

        await().atMost(PATIENCE).until(() -> disabled(robot, "#rebuildButton") && disabled(robot, "#importButton"));
        assertThat(tooltip(robot, "#rebuildButton")).contains("Import graph").contains(imported.toString().substring(0, 8));
        assertThat(tooltip(robot, "#importButton")).contains("Import graph");

        server.client().cancelTask(hog);
        await().atMost(PATIENCE).until(() -> server.client().getTask(imported).status() == TaskStatus.COMPLETED);
        await().atMost(PATIENCE).until(() -> !disabled(robot, "#rebuildButton") && !disabled(robot, "#importButton"));
        assertThat(tooltip(robot, "#rebuildButton")).startsWith("Rebuild the communities");
    }
}
