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
import org.testfx.api.FxRobot;

/** The app's main window on a test server, plus the lookups the UI tests share. */
final class MainWindow {
    final TaskstreamClient client;
    final MainView view;

    private MainWindow(TaskstreamClient client, MainView view) {
        this.client = client;
        this.view = view;
    }

    /** Call on the FX thread (a TestFX {@code @Start} method). */
    static MainWindow show(Stage stage, AppTestServer server) {
        return show(stage, server, 1360, 840, "Test server · " + server.baseUrl());
    }

    /** Call on the FX thread; a window of the given size with {@code description} in the header. */
    static MainWindow show(Stage stage, AppTestServer server, double width, double height, String description) {
        TaskstreamClient client = TaskstreamClient.create(server.baseUrl());
        MainView view = new MainView(client, AppTestServer.PROJECT, description,
                server.rebuildLauncher(), TaskCardViewModel.Options.defaults());
        Scene scene = new Scene(view.root(), width, height);
        scene.getStylesheets().add(DesktopApp.STYLESHEET);
        stage.setScene(scene);
        stage.show();
        return new MainWindow(client, view);
    }

    void close() {
        Fx.run(view::close);
        client.close();
    }

    static String text(FxRobot robot, String query) {
        return Fx.get(() -> robot.lookup(query).queryAs(Label.class).getText());
    }

    /** The connection indicator's word, e.g. "Live". */
    static String link(FxRobot robot, String indicatorId) {
        return Fx.get(() -> robot.lookup(indicatorId + " .link-label").queryAs(Label.class).getText());
    }
}
