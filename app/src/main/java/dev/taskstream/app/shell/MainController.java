package dev.taskstream.app.shell;

import dev.taskstream.app.fx.Shown;
import javafx.animation.PauseTransition;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Thin controller of {@code main.fxml}: the header's project and server, the banner of a task that ended (which
 * dismisses itself), and the window's title and focus for {@link TaskEndNotice}; the parts have their own
 * controllers.
 */
public final class MainController {
    static final Duration BANNER_TIME = Duration.seconds(8);

    private final String projectId;
    private final String serverDescription;
    private final TaskEndNotice notice;
    private final PauseTransition bannerTimer = new PauseTransition(BANNER_TIME);
    private final ChangeListener<Boolean> focusListener;
    private Stage stage;

    @FXML private BorderPane mainView;
    @FXML private Label projectLabel;
    @FXML private Label serverLabel;
    @FXML private HBox endBanner;
    @FXML private Label endBannerText;

    public MainController(String projectId, String serverDescription, TaskEndNotice notice) {
        this.projectId = projectId;
        this.serverDescription = serverDescription;
        this.notice = notice;
        this.focusListener = (o, was, now) -> notice.setWindowFocused(now);
    }

    @FXML
    private void initialize() {
        projectLabel.setText(projectId);
        serverLabel.setText(serverDescription);

        endBannerText.textProperty().bind(notice.bannerProperty());
        Shown.when(endBanner, notice.bannerProperty().isNotEmpty());
        notice.bannerOkProperty().addListener((o, was, ok) -> endBanner.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("failed"), !ok));
        bannerTimer.setOnFinished(e -> notice.dismissBanner());
        notice.bannerProperty().addListener((o, was, now) -> {
            if (!now.isEmpty()) {
                bannerTimer.playFromStart();
            }
        });

        mainView.sceneProperty().addListener((o, was, scene) -> followWindowOf(scene));
        followWindowOf(mainView.getScene());
    }

    private void followWindowOf(Scene scene) {
        if (scene == null) {
            return;
        }
        scene.windowProperty().addListener((o, was, w) -> follow(w));
        follow(scene.getWindow());
    }

    /** The window's title follows the notice, and its focus tells the notice whether the user looks. */
    private void follow(Window w) {
        if (w == stage) {
            return;
        }
        release();
        if (w instanceof Stage s) {
            stage = s;
            s.titleProperty().bind(notice.windowTitleProperty());
            s.focusedProperty().addListener(focusListener);
            notice.setWindowFocused(s.isFocused());
        }
    }

    /** Gives the window back (this view is replaced or closed). */
    void release() {
        bannerTimer.stop();
        if (stage != null) {
            stage.titleProperty().unbind();
            stage.focusedProperty().removeListener(focusListener);
            stage = null;
        }
    }

    @FXML
    private void onDismissBanner() {
        notice.dismissBanner();
    }
}
