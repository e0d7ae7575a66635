package dev.taskstream.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.Fx;
import java.time.Duration;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The server dies while the card follows a task, and comes back on the same port and database. */
@ExtendWith(ApplicationExtension.class)
class ServerRestartUiTest {
    // before the window, not with it: on a busy machine starting the server and the window together can take
    // longer than TestFX allows for setting up its stage
    @RegisterExtension
    static final AppTestServer server = AppTestServer.perClassOnFile();
    @RegisterExtension
    final MainWindow window = new MainWindow(server);

    @Test
    void showsReconnectingWhileTheServerIsGoneAndRecoversWhenItReturns(FxRobot robot) {
        UUID id = server.submitSlow(40, 100).taskId();
        await().atMost(Duration.ofSeconds(60)).until(() -> Fx.get(() -> robot.lookup(".task-row").tryQuery().isPresent()));
        Node row = Fx.get(() -> robot.lookup(".task-row").query());
        robot.clickOn(row);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                id.toString().equals(Fx.get(() -> robot.lookup("#taskIdField").queryAs(TextField.class).getText()))
                        && "Live".equals(MainWindow.link(robot, "#taskLink")));

        server.stop();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String l = MainWindow.link(robot, "#taskLink");
            return l.equals("Reconnecting…") || l.equals("Offline");
        });
        assertThat(MainWindow.text(robot, "#taskStatus")).isEqualTo("PROCESSING");
        await().atMost(Duration.ofSeconds(60)).until(() -> !"Live".equals(MainWindow.link(robot, "#tasksLink")));

        server.restart();
        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(MainWindow.text(robot, "#taskStatus")));
        assertThat(Fx.get(() -> robot.lookup("#taskProgress").queryAs(ProgressBar.class).getProgress())).isEqualTo(1.0);
        await().atMost(Duration.ofSeconds(60)).until(() -> "Live".equals(MainWindow.link(robot, "#tasksLink")));
    }
}
