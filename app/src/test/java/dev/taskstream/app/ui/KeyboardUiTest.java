package dev.taskstream.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.app.communities.CommunitiesViewModel;
import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.Fx;
import java.time.Duration;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The window's shortcuts: Ctrl+R opens the rebuild dialog, Esc closes it, Enter confirms it; Ctrl+F filters. */
@ExtendWith(ApplicationExtension.class)
class KeyboardUiTest {
    @RegisterExtension
    static final AppTestServer server = AppTestServer.perClass();
    @RegisterExtension
    final MainWindow window = new MainWindow(server);

    private boolean dialogOpen(FxRobot robot) {
        return Fx.get(() -> robot.lookup("#confirmRebuild").tryQuery().isPresent());
    }

    @Test
    void ctrlROpensTheRebuildDialogEscClosesItAndEnterConfirmsIt(FxRobot robot) {
        assertThat(Fx.get(() -> ((javafx.scene.control.Label) robot.lookup("#rebuildButton").queryAs(Button.class).getParent()).getTooltip().getText()))
                .contains("Ctrl+R");
        robot.clickOn("#communitiesTable");

        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(60)).until(() -> dialogOpen(robot));
        robot.type(KeyCode.ESCAPE);
        await().atMost(Duration.ofSeconds(60)).until(() -> !dialogOpen(robot));
        assertThat(Fx.get(() -> window.view.taskCard().hasTaskProperty().get())).as("Esc starts nothing").isFalse();

        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(60)).until(() -> dialogOpen(robot));
        robot.type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(60)).until(() -> !dialogOpen(robot));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                CommunitiesViewModel.REBUILD_TASK.equals(Fx.get(() -> window.view.taskCard().taskNameProperty().get())));
    }

    @Test
    void ctrlFPutsTheCursorInTheFilter(FxRobot robot) {
        TextField filter = Fx.get(() -> robot.lookup("#filterField").queryAs(TextField.class));
        assertThat(Fx.get(() -> filter.getTooltip().getText())).contains("Ctrl+F");
        robot.clickOn("#communitiesTable");
        assertThat(Fx.get(filter::isFocused)).isFalse();

        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(60)).until(() -> Fx.get(filter::isFocused));
        robot.write("ecol");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "ecol".equals(Fx.get(() -> window.view.communities().list().filterProperty().get())));
    }
}
