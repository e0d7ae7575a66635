package dev.taskstream.app.shell;

import dev.taskstream.app.fx.Fxml;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;

/** Thin controller of {@code splash.fxml}: the window's content while the demo server starts. */
public final class SplashController {
    private final String text;
    private final Parent root;

    @FXML private ProgressIndicator spinner;
    @FXML private Label splashMessage;

    /** Loads the splash showing {@code text}. */
    public SplashController(String text) {
        this.text = text;
        this.root = Fxml.load(SplashController.class, "splash.fxml", this);
    }

    @FXML
    private void initialize() {
        splashMessage.setText(text);
    }

    public Parent root() {
        return root;
    }

    /** Replaces the spinner and the text with an error. */
    public void showError(String message) {
        spinner.setVisible(false);
        splashMessage.getStyleClass().add("error-text");
        splashMessage.setText(message);
    }
}
