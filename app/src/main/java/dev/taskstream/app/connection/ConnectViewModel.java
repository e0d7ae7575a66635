package dev.taskstream.app.connection;

import dev.taskstream.app.fx.Background;
import dev.taskstream.app.fx.UiExecutor;
import dev.taskstream.shared.api.ProjectView;
import dev.taskstream.shared.client.TaskstreamClient;
import java.util.function.BiConsumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The connect screen's state: server URL and token (remembered in {@link ConnectionSettings}), the check of the
 * server off the UI thread, its outcome as a sentence (e.g. "cannot reach server at http://…: connection refused"),
 * and the server's projects. Opening a project hands the connected client over to the caller.
 */
public final class ConnectViewModel {
    private final ConnectionSettings settings;
    private final UiExecutor ui;
    private final BiConsumer<TaskstreamClient, String> open;
    private final ReadOnlyStringWrapper serverUrl = new ReadOnlyStringWrapper(this, "serverUrl", "");
    private final ReadOnlyStringWrapper token = new ReadOnlyStringWrapper(this, "token", "");
    private final ReadOnlyBooleanWrapper rememberToken = new ReadOnlyBooleanWrapper(this, "rememberToken");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
    private final ObservableList<ProjectView> projects = FXCollections.observableArrayList();
    private final ObservableList<ProjectView> readOnlyProjects = FXCollections.unmodifiableObservableList(projects);
    private final ReadOnlyObjectWrapper<ProjectView> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private TaskstreamClient client;
    private String openOnConnect;

    /**
     * {@code initialUrl} and {@code initialToken} (null: the remembered ones) fill the form; {@code open} receives
     * the connected client (then the caller's) and the chosen project id.
     */
    public ConnectViewModel(ConnectionSettings settings, String initialUrl, String initialToken, UiExecutor ui,
            BiConsumer<TaskstreamClient, String> open) {
        this.settings = settings;
        this.ui = ui;
        this.open = open;
        serverUrl.set(initialUrl != null ? initialUrl : settings.serverUrl());
        token.set(initialToken != null ? initialToken : settings.token());
        rememberToken.set(!settings.token().isBlank());
    }

    public void setServerUrl(String url) {
        serverUrl.set(url);
    }

    public void setToken(String t) {
        token.set(t);
    }

    public void setRememberToken(boolean remember) {
        rememberToken.set(remember);
    }

    public void select(ProjectView project) {
        selected.set(project);
    }

    /** Checks the server in the background. */
    public void connect() {
        String u = serverUrl.get();
        String t = token.get();
        busy.set(true);
        failed.set(false);
        status.set("Connecting to " + u + "…");
        selected.set(null);
        projects.clear();
        Background.run(() -> {
            try {
                ServerProbe.Connected c = ServerProbe.connect(u, t);
                ui.execute(() -> connected(c, u, t));
            } catch (ServerProbe.ConnectFailure e) {
                ui.execute(() -> failed(e.getMessage()));
            }
        });
    }

    private void connected(ServerProbe.Connected c, String u, String t) {
        if (client != null) {
            client.close();
        }
        client = c.client();
        busy.set(false);
        settings.save(u.strip(), t, rememberToken.get(), null);
        if (c.projects().isEmpty()) {
            status.set("Connected to " + client.baseUrl() + ", but it has no projects yet (start it with --demo, "
                    + "or import a graph)");
            return;
        }
        status.set("Connected to " + client.baseUrl() + ". Pick a project.");
        projects.setAll(c.projects());
        String wanted = openOnConnect != null ? openOnConnect : settings.project();
        selected.set(c.projects().stream().filter(p -> p.id().equals(wanted)).findFirst()
                .orElse(c.projects().get(0)));
        if (openOnConnect != null && selected.get().id().equals(openOnConnect)) {
            openSelected();
        }
    }

    private void failed(String message) {
        busy.set(false);
        failed.set(true);
        status.set(message);
    }

    /** Opens the chosen project. */
    public void openSelected() {
        ProjectView p = selected.get();
        if (p == null || client == null) {
            return;
        }
        settings.save(serverUrl.get().strip(), token.get(), rememberToken.get(), p.id());
        TaskstreamClient c = client;
        client = null;
        open.accept(c, p.id());
    }

    /** Opens {@code projectId} as soon as a connection finds it; used for {@code --project}. */
    public void openWhenConnected(String projectId) {
        openOnConnect = projectId;
    }

    public ReadOnlyStringProperty serverUrlProperty() {
        return serverUrl.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tokenProperty() {
        return token.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty rememberTokenProperty() {
        return rememberToken.getReadOnlyProperty();
    }

    /** A check of the server is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Where the connection stands, or why it failed. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The status is a failure. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** The connected server's projects; empty until connected. */
    public ObservableList<ProjectView> projects() {
        return readOnlyProjects;
    }

    public ReadOnlyObjectProperty<ProjectView> selectedProperty() {
        return selected.getReadOnlyProperty();
    }
}
