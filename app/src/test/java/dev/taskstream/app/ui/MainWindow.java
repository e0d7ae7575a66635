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
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The app's main window on a test server, plus the lookups the UI tests share. Registered as a
 * {@code @RegisterExtension} field next to TestFX's {@code ApplicationExtension}, it shows itself on TestFX's stage
 * before each test and closes after it, so the UI tests don't each repeat that setup.
 */
final class MainWindow implements BeforeEachCallback, AfterEachCallback {
    private final AppTestServer server;
    private final double width;
    private final double height;
    private final String description;
    private TaskstreamClient client;
    Stage stage;
    MainView view;

    /** 1360×840, "Test server" in the header. */
    MainWindow(AppTestServer server) {
        this(server, 1360, 840, "Test server");
    }

    /** A window of the given size with {@code description} and the server's address in the header. */
    MainWindow(AppTestServer server, double width, double height, String description) {
        this.server = server;
        this.width = width;
        this.height = height;
        this.description = description;
    }

    /** Call on the FX thread (a TestFX {@code @Start} method). */
    void show(Stage stage) {
        client = TaskstreamClient.create(server.baseUrl());
        view = new MainView(client, AppTestServer.PROJECT, description + " · " + server.baseUrl(),
                server.rebuildLauncher(), TaskCardViewModel.Options.defaults());
        Scene scene = new Scene(view.root(), width, height);
        scene.getStylesheets().add(DesktopApp.STYLESHEET);
        stage.setScene(scene);
        stage.show();
        this.stage = stage;
    }

    /** After ApplicationExtension's own (registered before this field) has set up TestFX's stage. */
    @Override
    public void beforeEach(ExtensionContext context) throws TimeoutException {
        FxToolkit.setupStage(this::show);
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
