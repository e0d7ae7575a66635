package dev.taskstream.app.ui;

import dev.taskstream.app.DesktopApp;
import dev.taskstream.app.shell.MainView;
import dev.taskstream.app.task.TaskCardViewModel;
import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.Fx;
import dev.taskstream.shared.client.TaskstreamClient;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxRobot;

/**
 * The app's main window on a test server, plus the lookups the UI tests share. Registered as a
 * {@code @RegisterExtension} field and shown from the test's {@code @Start} method, it closes after each test.
 */
final class MainWindow implements AfterEachCallback {
    private final AppTestServer server;
    private TaskstreamClient client;
    Stage stage;
    MainView view;

    MainWindow(AppTestServer server) {
        this.server = server;
    }

    /** Call on the FX thread (a TestFX {@code @Start} method). */
    void show(Stage stage) {
        show(stage, 1360, 840, "Test server · " + server.baseUrl());
    }

    /** Call on the FX thread; a window of the given size with {@code description} in the header. */
    void show(Stage stage, double width, double height, String description) {
        client = TaskstreamClient.create(server.baseUrl());
        view = new MainView(client, AppTestServer.PROJECT, description,
                server.rebuildLauncher(), TaskCardViewModel.Options.defaults());
        Scene scene = new Scene(view.root(), width, height);
        scene.getStylesheets().add(DesktopApp.STYLESHEET);
        stage.setScene(scene);
        stage.show();
        this.stage = stage;
    }

    void close() {
        if (view != null) {
            Fx.run(view::close);
            client.close();
            view = null;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    static String text(FxRobot robot, String query) {
        return Fx.get(() -> robot.lookup(query).queryAs(Label.class).getText());
    }

    /** The connection indicator's word, e.g. "Live". */
    static String link(FxRobot robot, String indicatorId) {
        return Fx.get(() -> robot.lookup(indicatorId + " .link-label").queryAs(Label.class).getText());
    }
}
