package dev.taskstream.app;

import dev.taskstream.app.communities.RebuildLauncher;
import dev.taskstream.app.connection.ConnectController;
import dev.taskstream.app.connection.ConnectViewModel;
import dev.taskstream.app.connection.ConnectionSettings;
import dev.taskstream.app.demo.DemoServer;
import dev.taskstream.app.fx.Background;
import dev.taskstream.app.fx.UiExecutor;
import dev.taskstream.app.shell.LaunchClock;
import dev.taskstream.app.shell.MainView;
import dev.taskstream.app.shell.Screenshots;
import dev.taskstream.app.shell.SplashController;
import dev.taskstream.app.task.TaskCardViewModel;
import dev.taskstream.shared.client.TaskstreamClient;
import java.util.Objects;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Taskstream desktop monitor. Without arguments it starts the server in-process (demo mode) and opens the
 * communities of project {@code demo}; with {@code --server URL} it connects to a running server.
 */
public final class DesktopApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(DesktopApp.class);
    public static final String STYLESHEET =
            Objects.requireNonNull(DesktopApp.class.getResource("shell/app.css")).toExternalForm();

    private AppArgs args;
    private Scene scene;
    private volatile DemoServer demo;
    private volatile boolean stopping;
    private TaskstreamClient client;
    private MainView main;

    public static void main(String[] argv) {
        try {
            AppArgs parsed = AppArgs.parse(java.util.List.of(argv));
            if (parsed.help()) {
                System.out.print(AppArgs.USAGE);
                System.out.flush();
                // exit, not return: the Java launcher starts the JavaFX toolkit for an Application class, and it
                // would keep the process alive without a window
                System.exit(0);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("taskstream-desktop: " + e.getMessage());
            System.err.print(AppArgs.USAGE);
            System.exit(2);
        }
        launch(DesktopApp.class, argv);
    }

    @Override
    public void init() {
        args = AppArgs.parse(getParameters().getRaw());
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Taskstream");
        // 1400 x 900, or a little less than the screen when it is smaller
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        scene = new Scene(new SplashController("").root(), Math.min(1400, screen.getWidth() * 0.95),
                Math.min(900, screen.getHeight() * 0.92));
        scene.getStylesheets().add(STYLESHEET);
        stage.setScene(scene);
        stage.setMinWidth(980);
        stage.setMinHeight(640);
        if (args.remote()) {
            ConnectViewModel connect = new ConnectViewModel(ConnectionSettings.forCurrentUser(), args.serverUrl(),
                    args.token(), UiExecutor.fx(), (c, project) -> openMain(c, project, c.baseUrl()));
            scene.setRoot(ConnectController.load(connect));
            if (args.project() != null) {
                connect.openWhenConnected(args.project());
            }
            if (args.serverUrl() != null) {
                connect.connect();
            }
        } else {
            startDemo();
        }
        logFirstFrame(scene);
        stage.show();
        Screenshots.scheduleIfRequested(scene);
    }

    /** Logs "first frame after N ms", N from the process's launch to the first pulse that lays out the window. */
    private static void logFirstFrame(Scene scene) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            log.info("first frame after {} ms", LaunchClock.millisSinceLaunch());
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    private void startDemo() {
        SplashController splash = new SplashController("Starting the demo server and loading the demo knowledge graph…");
        scene.setRoot(splash.root());
        Background.run(() -> {
            try {
                DemoServer started = DemoServer.start();
                if (stopping) {
                    started.close();
                    return;
                }
                demo = started;
                TaskstreamClient c = TaskstreamClient.create(started.baseUrl());
                Platform.runLater(() -> openMain(c, DemoServer.PROJECT,
                        "Embedded demo server · " + started.baseUrl()));
            } catch (RuntimeException e) {
                log.error("cannot start the demo server", e);
                Platform.runLater(() -> splash.showError("Cannot start the demo server: " + e.getMessage()));
            }
        });
    }

    private void openMain(TaskstreamClient c, String project, String description) {
        if (stopping) {
            c.close();
            return;
        }
        client = c;
        main = new MainView(c, project, description, RebuildLauncher.of(c), TaskCardViewModel.Options.defaults());
        Parent root = main.root();
        scene.setRoot(root);
    }

    @Override
    public void stop() {
        stopping = true;
        if (main != null) {
            main.close();
        }
        if (client != null) {
            client.close();
        }
        DemoServer d = demo;
        if (d != null) {
            d.close();
        }
    }
}
