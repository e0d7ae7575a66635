package dev.taskstream.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.Fx;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The server dies while the card follows a task, and comes back on the same port and database. */
@ExtendWith(ApplicationExtension.class)
class ServerRestartUiTest {
    private static AppTestServer server;
    private MainWindow window;

    // before the window, not in @Start: on a busy machine starting the server and the window together can take
    // longer than TestFX allows for @Start
    @BeforeAll
    static void startServer() throws Exception {
        server = AppTestServer.startOnFile(Files.createTempDirectory("taskstream-app-ui"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Start
    void start(Stage stage) {
        window = MainWindow.show(stage, server);
    }

    @AfterEach
    void closeWindow() {
        window.close();
    }

    @Test
    void showsReconnectingWhileTheServerIsGoneAndRecoversWhenItReturns(FxRobot robot) {
        UUID id = server.submitSlow(40, 100).taskId();
        await().atMost(Duration.ofSeconds(10)).until(() -> Fx.get(() -> robot.lookup(".task-row").tryQuery().isPresent()));
        Node row = Fx.get(() -> robot.lookup(".task-row").query());
        robot.clickOn(row);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                id.toString().equals(Fx.get(() -> robot.lookup("#taskIdField").queryAs(TextField.class).getText()))
                        && "Live".equals(MainWindow.link(robot, "#taskLink")));

        server.stop();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            String l = MainWindow.link(robot, "#taskLink");
            return l.equals("Reconnecting…") || l.equals("Offline");
        });
        assertThat(MainWindow.text(robot, "#taskStatus")).isEqualTo("PROCESSING");
        await().atMost(Duration.ofSeconds(15)).until(() -> !"Live".equals(MainWindow.link(robot, "#tasksLink")));

        server.restart();
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(MainWindow.text(robot, "#taskStatus")));
        assertThat(Fx.get(() -> robot.lookup("#taskProgress").queryAs(ProgressBar.class).getProgress())).isEqualTo(1.0);
        await().atMost(Duration.ofSeconds(15)).until(() -> "Live".equals(MainWindow.link(robot, "#tasksLink")));
    }
}
