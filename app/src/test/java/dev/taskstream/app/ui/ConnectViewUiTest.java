package dev.taskstream.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.app.DesktopApp;
import dev.taskstream.app.fx.UiExecutor;
import dev.taskstream.app.connection.ConnectController;
import dev.taskstream.app.connection.ConnectViewModel;
import dev.taskstream.app.connection.ConnectionSettings;
import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.Fx;
import dev.taskstream.shared.client.TaskstreamClient;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Remote mode's connect screen, headless. */
@ExtendWith(ApplicationExtension.class)
class ConnectViewUiTest {
    private final Preferences PREFS = Preferences.userRoot()
            .node("dev/taskstream/desktop-tests/" + java.util.UUID.randomUUID());
    private final AtomicReference<TaskstreamClient> opened = new AtomicReference<>();
    private final AtomicReference<String> openedProject = new AtomicReference<>();

    @Start
    void start(Stage stage) {
        ConnectViewModel vm = new ConnectViewModel(new ConnectionSettings(PREFS), "", "", UiExecutor.fx(),
                (client, project) -> {
                    opened.set(client);
                    openedProject.set(project);
                });
        Scene scene = new Scene(ConnectController.load(vm), 800, 600);
        scene.getStylesheets().add(DesktopApp.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (opened.get() != null) {
            opened.get().close();
        }
        PREFS.removeNode();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String status(FxRobot robot) {
        return Fx.get(() -> robot.lookup("#connectStatus").queryAs(Label.class).getText());
    }

    private static void typeUrl(FxRobot robot, String url) {
        Fx.run(() -> robot.lookup("#serverUrlField").queryAs(TextField.class).setText(url));
    }

    @Test
    void anUnreachableServerGetsAClearMessage(FxRobot robot) throws Exception {
        String url = "http://127.0.0.1:" + closedPort();
        typeUrl(robot, url);
        robot.clickOn("#connectButton");
        await().atMost(Duration.ofSeconds(15)).until(() -> status(robot).startsWith("cannot reach server at " + url));
        assertThat(status(robot)).contains("connection refused");
        assertThat(Fx.get(() -> robot.lookup("#openButton").query().isDisabled())).isTrue();
    }

    @Test
    void somethingThatIsNotAUrlIsNamed(FxRobot robot) {
        typeUrl(robot, "localhost 8000");
        robot.clickOn("#connectButton");
        await().atMost(Duration.ofSeconds(5)).until(() -> status(robot).contains("is not a server URL"));
    }

    @Test
    void aRealServerListsItsProjectsAndOpensTheChosenOne(FxRobot robot) {
        try (AppTestServer server = AppTestServer.start()) {
            typeUrl(robot, server.baseUrl() + "/");
            robot.clickOn("#connectButton");
            await().atMost(Duration.ofSeconds(15)).until(() -> status(robot).startsWith("Connected to " + server.baseUrl()));
            robot.clickOn("#openButton");
            await().atMost(Duration.ofSeconds(5)).until(() -> openedProject.get() != null);
            assertThat(openedProject.get()).isEqualTo(AppTestServer.PROJECT);
            assertThat(new ConnectionSettings(PREFS).serverUrl()).isEqualTo(server.baseUrl() + "/");
            assertThat(new ConnectionSettings(PREFS).project()).isEqualTo(AppTestServer.PROJECT);
        }
    }
}
