package dev.taskstream.app.shell;

import dev.taskstream.app.communities.CommunitiesController;
import dev.taskstream.app.communities.CommunitiesViewModel;
import dev.taskstream.app.communities.RebuildLauncher;
import dev.taskstream.app.fx.UiExecutor;
import dev.taskstream.app.task.TaskCardView;
import dev.taskstream.app.task.TaskCardViewModel;
import dev.taskstream.app.tasks.TasksPanel;
import dev.taskstream.app.tasks.TasksViewModel;
import dev.taskstream.shared.client.TaskstreamClient;
import java.time.Instant;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The main window's content for one project: header, communities view (centre), task card and activity (right).
 * {@link #close()} closes its streams; the client belongs to the caller.
 */
public final class MainView implements AutoCloseable {
    private final TaskCardViewModel taskCard;
    private final TasksViewModel tasks;
    private final CommunitiesViewModel communities;
    private final TaskCardView cardView;
    private final BorderPane root = new BorderPane();

    public MainView(TaskstreamClient client, String projectId, String serverDescription, RebuildLauncher launcher,
            TaskCardViewModel.Options cardOptions) {
        UiExecutor ui = UiExecutor.fx();
        taskCard = new TaskCardViewModel(client, ui, cardOptions, Instant::now);
        tasks = new TasksViewModel(client, projectId, ui);
        communities = new CommunitiesViewModel(client, projectId, ui, taskCard, launcher);

        root.getStyleClass().add("main");
        root.setId("mainView");
        root.setTop(header(projectId, serverDescription));
        Parent communitiesView = CommunitiesController.load(communities, taskCard);
        root.setCenter(communitiesView);

        cardView = new TaskCardView(taskCard);
        TasksPanel tasksPanel = new TasksPanel(tasks, taskCard::attach);
        VBox.setVgrow(tasksPanel, Priority.ALWAYS);
        VBox side = new VBox(12, cardView, tasksPanel);
        side.getStyleClass().add("side");
        side.setPrefWidth(360);
        side.setMinWidth(320);
        side.setPadding(new Insets(12));
        root.setRight(side);

        tasks.start();
        communities.reload();
    }

    private static HBox header(String projectId, String serverDescription) {
        Label brand = new Label("Taskstream");
        brand.getStyleClass().add("brand");
        Label project = new Label(projectId);
        project.setId("projectLabel");
        project.getStyleClass().add("chip");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label server = new Label(serverDescription);
        server.setId("serverLabel");
        server.getStyleClass().add("header-muted");
        HBox h = new HBox(12, brand, project, spacer, server);
        h.setAlignment(Pos.CENTER_LEFT);
        h.getStyleClass().add("app-header");
        return h;
    }

    public Parent root() {
        return root;
    }

    public TaskCardViewModel taskCard() {
        return taskCard;
    }

    public CommunitiesViewModel communities() {
        return communities;
    }

    public TasksViewModel tasks() {
        return tasks;
    }

    @Override
    public void close() {
        cardView.dispose();
        tasks.close();
        taskCard.close();
    }
}
