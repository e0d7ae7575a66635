package dev.taskstream.app.connection;

import dev.taskstream.app.fx.Background;
import dev.taskstream.shared.api.ProjectView;
import dev.taskstream.shared.client.TaskstreamClient;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Remote mode's first screen: server URL and token (remembered), Connect, then a project picker. The connection is
 * checked off the FX thread; failures read e.g. "cannot reach server at http://…: connection refused".
 */
public final class ConnectView extends VBox {
    private final ConnectionSettings settings;
    private final BiConsumer<TaskstreamClient, String> open;
    private final TextField url = new TextField();
    private final PasswordField token = new PasswordField();
    private final CheckBox rememberToken = new CheckBox("Remember token on this computer");
    private final Button connect = new Button("Connect");
    private final ProgressIndicator busy = new ProgressIndicator();
    private final Label status = new Label();
    private final ComboBox<ProjectView> projects = new ComboBox<>();
    private final Button openButton = new Button("Open project");
    private TaskstreamClient client;

    /** {@code open} receives the connected client (now the caller's) and the chosen project id. */
    public ConnectView(ConnectionSettings settings, String initialUrl, String initialToken,
            BiConsumer<TaskstreamClient, String> open) {
        super(16);
        this.settings = settings;
        this.open = open;
        setId("connectView");
        getStyleClass().add("connect-view");
        setAlignment(Pos.CENTER);

        Label brand = new Label("Taskstream");
        brand.getStyleClass().add("splash-brand");
        Label lead = new Label("Connect to a Taskstream server");
        lead.getStyleClass().add("muted");

        url.setId("serverUrlField");
        url.setPromptText("http://host:8000");
        url.setPrefColumnCount(28);
        url.setText(initialUrl != null ? initialUrl : settings.serverUrl());
        token.setId("tokenField");
        token.setPromptText("only if the server requires one");
        token.setText(initialToken != null ? initialToken : settings.token());
        rememberToken.setId("rememberToken");
        rememberToken.setSelected(!settings.token().isBlank());
        connect.setId("connectButton");
        connect.getStyleClass().add("accent");
        connect.setDefaultButton(true);
        connect.setOnAction(e -> connect());
        url.setOnAction(e -> connect());
        busy.setMaxSize(18, 18);
        busy.setVisible(false);
        status.setId("connectStatus");
        status.setWrapText(true);
        status.setMaxWidth(460);

        projects.setId("projectChoice");
        projects.setPromptText("Connect first");
        projects.setDisable(true);
        projects.setCellFactory(v -> new ProjectCell());
        projects.setButtonCell(new ProjectCell());
        openButton.setId("openButton");
        openButton.getStyleClass().add("accent");
        openButton.disableProperty().bind(projects.valueProperty().isNull());
        openButton.setOnAction(e -> openSelected());

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(10);
        form.addRow(0, new Label("Server URL"), url);
        form.addRow(1, new Label("Token"), token);
        form.add(rememberToken, 1, 2);
        form.add(new HBox(10, connect, busy), 1, 3);
        form.addRow(4, new Label("Project"), projects);
        form.add(openButton, 1, 5);
        VBox card = new VBox(14, form, status);
        card.getStyleClass().add("card");
        card.setMaxWidth(520);
        getChildren().addAll(brand, lead, card);
    }

    /** Checks the server in the background. */
    public void connect() {
        String u = url.getText();
        String t = token.getText();
        connect.setDisable(true);
        busy.setVisible(true);
        status.getStyleClass().remove("error-text");
        status.setText("Connecting to " + u + "…");
        projects.getItems().clear();
        projects.setDisable(true);
        Background.run(() -> {
            try {
                ServerProbe.Connected c = ServerProbe.connect(u, t);
                Platform.runLater(() -> connected(c, u, t));
            } catch (ServerProbe.ConnectFailure e) {
                Platform.runLater(() -> failed(e.getMessage()));
            }
        });
    }

    private void connected(ServerProbe.Connected c, String u, String t) {
        if (client != null) {
            client.close();
        }
        client = c.client();
        connect.setDisable(false);
        busy.setVisible(false);
        settings.save(u.strip(), t, rememberToken.isSelected(), null);
        if (c.projects().isEmpty()) {
            status.setText("Connected to " + client.baseUrl() + ", but it has no projects yet (start it with --demo, "
                    + "or import a graph)");
            return;
        }
        status.setText("Connected to " + client.baseUrl() + ". Pick a project.");
        projects.getItems().setAll(c.projects());
        projects.setDisable(false);
        String remembered = settings.project();
        projects.setValue(c.projects().stream().filter(p -> p.id().equals(remembered)).findFirst()
                .orElse(c.projects().get(0)));
    }

    private void failed(String message) {
        connect.setDisable(false);
        busy.setVisible(false);
        status.getStyleClass().add("error-text");
        status.setText(message);
    }

    /** Opens the chosen project (or {@code projectId} when the server has it). */
    public void openSelected() {
        ProjectView p = projects.getValue();
        if (p == null || client == null) {
            return;
        }
        settings.save(url.getText().strip(), token.getText(), rememberToken.isSelected(), p.id());
        TaskstreamClient c = client;
        client = null;
        open.accept(c, p.id());
    }

    /** Selects {@code projectId} once connected and opens it; used for {@code --project}. */
    public void openWhenConnected(String projectId) {
        projects.getItems().addListener((javafx.collections.ListChangeListener<ProjectView>) ch -> {
            projects.getItems().stream().filter(p -> p.id().equals(projectId)).findFirst().ifPresent(p -> {
                Platform.runLater(() -> {
                    projects.setValue(p);
                    openSelected();
                });
            });
        });
    }

    private static final class ProjectCell extends ListCell<ProjectView> {
        @Override
        protected void updateItem(ProjectView p, boolean empty) {
            super.updateItem(p, empty);
            setText(empty || p == null ? null : p.name() + "  (" + p.id() + ")");
        }
    }
}
