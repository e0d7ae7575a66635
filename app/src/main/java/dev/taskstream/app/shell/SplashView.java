package dev.taskstream.app.shell;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

/** "Starting demo server…" while the embedded server starts; an error if it cannot. */
public final class SplashView extends VBox {
    private final Label message = new Label();
    private final ProgressIndicator spinner = new ProgressIndicator();

    public SplashView(String text) {
        super(18);
        setId("splash");
        getStyleClass().add("splash");
        setAlignment(Pos.CENTER);
        Label brand = new Label("Taskstream");
        brand.getStyleClass().add("splash-brand");
        Label tagline = new Label("Live progress of knowledge-graph tasks");
        tagline.getStyleClass().add("muted");
        message.setId("splashMessage");
        message.setText(text);
        message.setWrapText(true);
        message.setMaxWidth(560);
        message.setAlignment(Pos.CENTER);
        message.setTextAlignment(TextAlignment.CENTER);
        spinner.setMaxSize(40, 40);
        getChildren().addAll(brand, tagline, spinner, message);
    }

    public void showError(String text) {
        spinner.setVisible(false);
        message.getStyleClass().add("error-text");
        message.setText(text);
    }
}
