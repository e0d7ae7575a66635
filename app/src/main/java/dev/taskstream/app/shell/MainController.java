package dev.taskstream.app.shell;

import javafx.fxml.FXML;
import javafx.scene.control.Label;

/** Thin controller of {@code main.fxml}: the header's project and server; the parts have their own controllers. */
public final class MainController {
    private final String projectId;
    private final String serverDescription;

    @FXML private Label projectLabel;
    @FXML private Label serverLabel;

    public MainController(String projectId, String serverDescription) {
        this.projectId = projectId;
        this.serverDescription = serverDescription;
    }

    @FXML
    private void initialize() {
        projectLabel.setText(projectId);
        serverLabel.setText(serverDescription);
    }
}
