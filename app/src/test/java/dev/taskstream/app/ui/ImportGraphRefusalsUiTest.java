package dev.taskstream.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.Fx;
import dev.taskstream.app.testing.TestTasks;
import dev.taskstream.shared.api.GraphStats;
import dev.taskstream.shared.api.TaskAccepted;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.json.Json;
import java.io.IOException;
import java.io.Writer;
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
 * "Import graph…" refused by a real in-process server whose upload limit is 1 MB: a 409 (another task holds the
 * project) and a 413 (the file is over the limit) are sentences a person can act on, nothing is imported, and the
 * import works when tried again. The file chooser is bypassed (the view model's command with a temporary file).
 */
@ExtendWith(ApplicationExtension.class)
class ImportGraphRefusalsUiTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long LIMIT = 1L << 20;

    @RegisterExtension
    static final AppTestServer server = AppTestServer.perClass().with(s -> s.withMaxBodyBytes(LIMIT));
    @RegisterExtension
    final MainWindow window = new MainWindow(server);

    @TempDir
    Path dir;

    private Path smallCsv(String prefix) throws IOException {
        return Files.writeString(dir.resolve(prefix + ".csv"), """
                kind,id,name,type,source,target,relation,weight
                entity,%1$s-1,Ada Lovelace,person,,,,
                entity,%1$s-2,Charles Babbage,person,,,,
                edge,,,,%1$s-1,%1$s-2,KNOWS,1.0
                """.formatted(prefix));
    }

    private String importMessage() {
        return Fx.get(() -> window.view.imports().messageProperty().get());
    }

    private boolean importButtonEnabled(FxRobot robot) {
        return Fx.get(() -> !robot.lookup("#importButton").queryAs(Button.class).isDisabled());
    }

    private static void assertReadable(String message) {
        assertThat(message).doesNotContain("{", "\"error\"", "Exception", "HTTP 4", "\tat ");
    }

    /** Imports {@code file} and waits for its task to complete: the window is usable again after a refusal. */
    private void importCompletes(FxRobot robot, Path file, GraphStats before) {
        Fx.run(() -> window.view.imports().importGraph(file));
        await().atMost(PATIENCE).until(() -> server.client().graphStats(AppTestServer.PROJECT).entities()
                == before.entities() + 2);
        await().atMost(PATIENCE).until(() -> "Import graph".equals(MainWindow.text(robot, "#taskTitle"))
                && "COMPLETED".equals(MainWindow.text(robot, "#taskStatus")));
        assertThat(importMessage()).isEmpty();
    }

    @Test
    void anotherTaskHoldingTheProjectIsNamedWithHowToGoOn(FxRobot robot) throws IOException {
        GraphStats before = server.client().graphStats(AppTestServer.PROJECT);
        // another client's long task that changes the project, as an import or a rebuild does
        TaskAccepted other = server.submit(TestTasks.SlowWriter.NAME, AppTestServer.PROJECT,
                Json.mapper().createObjectNode().put("steps", 600).put("step_ms", 100));
        Path held = smallCsv("held");

        Fx.run(() -> window.view.imports().importGraph(held));

        await().atMost(PATIENCE).until(() -> importMessage().startsWith("Another task"));
        String message = importMessage();
        assertThat(message).contains("App test slow writer").contains("wait for it").contains("cancel it")
                .contains("import again");
        assertReadable(message);
        assertThat(MainWindow.text(robot, "#importMessage")).isEqualTo(message);
        assertThat(Fx.get(() -> robot.lookup("#importMessage").query().isVisible())).isTrue();
        // the card shows the task in the way, with its Cancel button
        await().atMost(PATIENCE).until(() -> Fx.get(() -> other.taskId().equals(window.view.taskCard().taskIdProperty().get())));
        assertThat(MainWindow.text(robot, "#taskTitle")).isEqualTo("App test slow writer");
        // nothing half-imported, and the upload is over
        assertThat(server.client().graphStats(AppTestServer.PROJECT)).isEqualTo(before);
        assertThat(Fx.get(() -> window.view.imports().uploadingProperty().get())).isFalse();

        // the person cancels the task in the way, then imports again
        await().atMost(PATIENCE).until(() -> Fx.get(() -> !robot.lookup("#cancelButton").queryAs(Button.class).isDisabled()));
        robot.clickOn("#cancelButton");
        await().atMost(PATIENCE).until(() -> server.client().getTask(other.taskId()).status() == TaskStatus.CANCELLED);
        // the refusal no longer holds, and the message says so
        await().atMost(PATIENCE).until(() -> importMessage().equals(
                "App test slow writer has ended (cancelled): you can import the file again."));
        await().atMost(PATIENCE).until(() -> importButtonEnabled(robot));
        importCompletes(robot, smallCsv("retried"), before);
    }

    @Test
    void aFileOverTheServersLimitSaysBothSizes(FxRobot robot) throws IOException {
        GraphStats before = server.client().graphStats(AppTestServer.PROJECT);
        Path big = dir.resolve("big.csv");
        try (Writer w = Files.newBufferedWriter(big)) {
            w.write("kind,id,name,type,source,target,relation,weight\n");
            for (int i = 0; Files.size(big) < LIMIT * 3 / 2; i++) {
                w.write("entity,big-" + i + ",Person number " + i + " of a file that is too large,person,,,,\n");
                if (i % 1000 == 0) {
                    w.flush();
                }
            }
        }

        Fx.run(() -> window.view.imports().importGraph(big));

        await().atMost(PATIENCE).until(() -> importMessage().startsWith("The file is larger"));
        String message = importMessage();
        assertThat(message).contains("big.csv").contains("1.5 MB").contains("1.0 MB").contains("split");
        assertReadable(message);
        assertThat(Fx.get(() -> robot.lookup("#importMessage").query().isVisible())).isTrue();
        assertThat(Fx.get(() -> robot.lookup("#importProgress").query().isVisible())).isFalse();
        assertThat(server.client().graphStats(AppTestServer.PROJECT)).isEqualTo(before);
        assertThat(importButtonEnabled(robot)).isTrue();

        // a file under the limit goes through
        importCompletes(robot, smallCsv("small"), before);
    }
}
