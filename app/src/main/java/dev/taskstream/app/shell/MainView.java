package dev.taskstream.app.shell;

import dev.taskstream.app.communities.CommunitiesController;
import dev.taskstream.app.communities.CommunitiesViewModel;
import dev.taskstream.app.communities.RebuildLauncher;
import dev.taskstream.app.fx.Fxml;
import dev.taskstream.app.fx.UiExecutor;
import dev.taskstream.app.task.TaskCardController;
import dev.taskstream.app.task.TaskCardViewModel;
import dev.taskstream.app.tasklist.TaskListController;
import dev.taskstream.app.tasklist.TaskListViewModel;
import dev.taskstream.shared.client.TaskstreamClient;
import java.time.Instant;
import javafx.scene.Parent;

/**
 * The main window's content for one project ({@code main.fxml}): creates the view models, hands each part of the
 * window its controller, and starts the streams. {@link #close()} closes them; the client belongs to the caller.
 */
public final class MainView implements AutoCloseable {
    private final TaskCardViewModel taskCard;
    private final TaskListViewModel tasks;
    private final CommunitiesViewModel communities;
    private final TaskCardController cardController;
    private final Parent root;

    public MainView(TaskstreamClient client, String projectId, String serverDescription, RebuildLauncher launcher,
            TaskCardViewModel.Options cardOptions) {
        UiExecutor ui = UiExecutor.fx();
        taskCard = new TaskCardViewModel(client, ui, cardOptions, Instant::now);
        tasks = new TaskListViewModel(client, projectId, ui);
        communities = new CommunitiesViewModel(client, projectId, ui, taskCard, launcher);
        cardController = new TaskCardController(taskCard);
        root = Fxml.load(MainView.class, "main.fxml",
                new MainController(projectId, serverDescription),
                new CommunitiesController(communities, taskCard),
                cardController,
                new TaskListController(tasks, taskCard::attach));
        tasks.start();
        communities.reload();
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

    public TaskListViewModel tasks() {
        return tasks;
    }

    @Override
    public void close() {
        cardController.dispose();
        tasks.close();
        taskCard.close();
    }
}
