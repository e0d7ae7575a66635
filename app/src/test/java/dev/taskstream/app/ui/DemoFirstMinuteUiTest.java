package dev.taskstream.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.app.DesktopApp;
import dev.taskstream.app.communities.RebuildLauncher;
import dev.taskstream.app.demo.DemoServer;
import dev.taskstream.app.demo.DemoStart;
import dev.taskstream.app.shell.MainView;
import dev.taskstream.app.task.ResultStats;
import dev.taskstream.app.task.TaskCardViewModel;
import dev.taskstream.app.testing.Fx;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.client.TaskstreamClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Demo mode's first minute, as the app runs it (the embedded demo server, its import task, {@link DemoStart}): the
 * task card shows the demo graph's import, then a rebuild the demo started itself, and then the communities are in
 * the list, without a click.
 */
@ExtendWith(ApplicationExtension.class)
class DemoFirstMinuteUiTest {
    private DemoServer demo;
    private TaskstreamClient client;
    private MainView main;
    private final List<String> cardTasks = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        demo = DemoServer.start();
        client = TaskstreamClient.create(demo.baseUrl());
        main = new MainView(client, DemoServer.PROJECT, "Embedded demo server", RebuildLauncher.of(client),
                TaskCardViewModel.Options.defaults());
        main.taskCard().taskNameProperty().addListener((o, was, now) -> {
            if (!now.isEmpty()) {
                cardTasks.add(now);
            }
        });
        Scene scene = new Scene(main.root(), 1280, 800);
        scene.getStylesheets().add(DesktopApp.STYLESHEET);
        stage.setScene(scene);
        stage.show();
        DemoStart.follow(main, scene, demo.importTask().orElseThrow());
    }

    @AfterEach
    void tearDown() {
        Fx.run(main::close);
        client.close();
        demo.close();
    }

    @Test
    void theImportThenTheDemosOwnRebuildThenTheCommunities() {
        await().atMost(Duration.ofMinutes(3)).until(() -> Fx.get(() -> main.communities().list().totalProperty().get()) > 0);
        assertThat(cardTasks).containsExactly(ResultStats.IMPORT_TASK, "rebuild_communities");
        Fx.run(() -> {
            assertThat(main.taskCard().statusProperty().get()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(main.communities().list().totalProperty().get())
                    .isEqualTo(main.taskCard().resultProperty().get().communities());
        });
    }
}
