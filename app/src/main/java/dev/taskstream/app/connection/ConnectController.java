package dev.taskstream.app.connection;

import dev.taskstream.app.fx.Fxml;
import dev.taskstream.shared.api.ProjectView;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;

/** Thin controller of {@code connect.fxml}: hands the form to a {@link ConnectViewModel} and shows its state. */
public final class ConnectController {
    private final ConnectViewModel vm;

    @FXML private TextField serverUrlField;
    @FXML private PasswordField tokenField;
    @FXML private CheckBox rememberToken;
    @FXML private Button connectButton;
    @FXML private ProgressIndicator busy;
    @FXML private ComboBox<ProjectView> projectChoice;
    @FXML private Button openButton;
    @FXML private Label connectStatus;

    public ConnectController(ConnectViewModel vm) {
        this.vm = vm;
    }

    /** Loads the connect screen bound to {@code vm}. */
    public static Parent load(ConnectViewModel vm) {
        return Fxml.load(ConnectController.class, "connect.fxml", new ConnectController(vm));
    }

    @FXML
    private void initialize() {
        serverUrlField.setText(vm.serverUrlProperty().get());
        serverUrlField.textProperty().addListener((o, was, now) -> vm.setServerUrl(now));
        tokenField.setText(vm.tokenProperty().get());
        tokenField.textProperty().addListener((o, was, now) -> vm.setToken(now));
        rememberToken.setSelected(vm.rememberTokenProperty().get());
        rememberToken.selectedProperty().addListener((o, was, now) -> vm.setRememberToken(now));

        connectButton.disableProperty().bind(vm.busyProperty());
        busy.visibleProperty().bind(vm.busyProperty());
        connectStatus.textProperty().bind(vm.statusProperty());
        vm.failedProperty().addListener((o, was, now) -> {
            connectStatus.getStyleClass().remove("error-text");
            if (now) {
                connectStatus.getStyleClass().add("error-text");
            }
        });

        projectChoice.setItems(vm.projects());
        projectChoice.disableProperty().bind(Bindings.isEmpty(vm.projects()));
        projectChoice.setCellFactory(v -> new ProjectCell());
        projectChoice.setButtonCell(new ProjectCell());
        projectChoice.valueProperty().addListener((o, was, now) -> vm.select(now));
        vm.selectedProperty().addListener((o, was, now) -> projectChoice.setValue(now));
        openButton.disableProperty().bind(vm.selectedProperty().isNull());
    }

    @FXML
    private void onConnect() {
        vm.connect();
    }

    @FXML
    private void onOpen() {
        vm.openSelected();
    }

    private static final class ProjectCell extends ListCell<ProjectView> {
        @Override
        protected void updateItem(ProjectView p, boolean empty) {
            super.updateItem(p, empty);
            setText(empty || p == null ? null : p.name() + "  (" + p.id() + ")");
        }
    }
}
