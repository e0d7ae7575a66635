package dev.taskstream.app;

import dev.taskstream.app.communities.RebuildLauncher;
import dev.taskstream.app.connection.ConnectController;
import dev.taskstream.app.connection.ConnectViewModel;
import dev.taskstream.app.connection.ConnectionSettings;
import dev.taskstream.app.demo.DemoServer;
import dev.taskstream.app.demo.DemoStart;
import dev.taskstream.app.fx.UiExecutor;
import dev.taskstream.app.shell.LaunchClock;
import dev.taskstream.app.shell.MainView;
import dev.taskstream.app.shell.Screenshots;
import dev.taskstream.app.shell.SplashController;
import dev.taskstream.app.task.TaskCardViewModel;
import dev.taskstream.shared.client.TaskstreamClient;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;

/**
 * The Taskstream desktop monitor. Without arguments it starts the server in-process (demo mode) and opens the
 * communities of project {@code demo}; with {@code --server URL} it connects to a running server.
 */
public final class DesktopApp extends Application {
    public static final String STYLESHEET =
            Objects.requireNonNull(DesktopApp.class.getResource("shell/app.css")).toExternalForm();

    /** The demo server, started by {@link #main} before the toolkit; null when launched otherwise. */
    private static volatile CompletableFuture<DemoServer> earlyDemo;

    private AppArgs args;
    private Scene scene;
    private CompletableFuture<DemoServer> demo;
    private volatile boolean stopping;
    private TaskstreamClient client;
    private MainView main;

    public static void main(String[] argv) {
        AppArgs parsed = null;
        try {
            parsed = AppArgs.parse(java.util.List.of(argv));
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
        if (!parsed.remote()) {
            // The demo server needs no toolkit: started now, it comes up while JavaFX initialises (issue 14).
            earlyDemo = DemoServer.startInBackground();
        }
        try {
            launch(DesktopApp.class, argv);
        } catch (RuntimeException | Error e) {
            // no display, for instance: the server must not keep the process alive
            closeDemo(earlyDemo);
            throw e;
        }
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
        scene = new Scene(args.remote() ? connectView() : startDemo(), Math.min(1400, screen.getWidth() * 0.95),
                Math.min(900, screen.getHeight() * 0.92));
        scene.getStylesheets().add(STYLESHEET);
        stage.setScene(scene);
        stage.setMinWidth(980);
        stage.setMinHeight(640);
        LaunchClock.logAtNextPulse(scene, "first frame");
        stage.show();
        if (args.remote()) {
            Screenshots.scheduleIfRequested(scene);
        }
    }

    private Parent connectView() {
        ConnectViewModel connect = new ConnectViewModel(ConnectionSettings.forCurrentUser(), args.serverUrl(),
                args.token(), UiExecutor.fx(), (c, project) -> openMain(c, project, c.baseUrl()));
        Parent view = ConnectController.load(connect);
        if (args.project() != null) {
            connect.openWhenConnected(args.project());
        }
        if (args.serverUrl() != null) {
            connect.connect();
        }
        return view;
    }

    /** The splash, shown until the demo server has started; then the main view of its project. */
    private Parent startDemo() {
        SplashController splash = new SplashController("Starting the demo server…");
        demo = earlyDemo != null ? earlyDemo : DemoServer.startInBackground();
        demo.whenComplete((started, error) -> {
            if (stopping) {
                return; // stop() closes it
            }
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                LoggerFactory.getLogger(DesktopApp.class).error("cannot start the demo server", cause);
                Platform.runLater(() -> splash.showError("Cannot start the demo server: " + cause.getMessage()));
                return;
            }
            TaskstreamClient c = TaskstreamClient.create(started.baseUrl());
            Platform.runLater(() -> {
                openMain(c, DemoServer.PROJECT, "Embedded demo server · " + started.baseUrl());
                // the card shows the demo graph's import as it runs, then the first rebuild, then the communities
                started.importTask().ifPresent(id -> {
                    if (main != null) {
                        DemoStart.follow(main, scene, id);
                    }
                });
            });
        });
        return splash.root();
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
        if (!args.remote()) {
            LaunchClock.logAtNextPulse(scene, "main view");
            if (!Screenshots.afterCommunities()) {
                Screenshots.scheduleIfRequested(scene);
            }
        }
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
        closeDemo(demo);
    }

    /** Closes the demo server now or, while it is still starting, as soon as it has started. */
    private static void closeDemo(CompletableFuture<DemoServer> server) {
        if (server != null) {
            server.thenAccept(DemoServer::close);
        }
    }
}
