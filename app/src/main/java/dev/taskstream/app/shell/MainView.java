package dev.taskstream.app.shell;

import dev.taskstream.app.communities.CommunitiesController;
import dev.taskstream.app.communities.CommunitiesViewModel;
import dev.taskstream.app.communities.GraphImportViewModel;
import dev.taskstream.app.communitymap.CommunityMapController;
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
    private final GraphImportViewModel imports;
    private final TaskCardController cardController;
    private final MainController mainController;
    private final TaskEndNotice endNotice;
    private final DesktopNotifier notifier = new DesktopNotifier();
    private final Parent root;

    public MainView(TaskstreamClient client, String projectId, String serverDescription, RebuildLauncher launcher,
            TaskCardViewModel.Options cardOptions) {
        UiExecutor ui = UiExecutor.fx();
        taskCard = new TaskCardViewModel(client, ui, cardOptions, Instant::now);
        tasks = new TaskListViewModel(client, projectId, ui);
        // the Activity stream's tasks: another client's import or rebuild disables this window's actions too
        communities = new CommunitiesViewModel(client, projectId, ui, taskCard, launcher, tasks.tasks(), 50, 50);
        imports = communities.imports();
        // another client's rebuild or import, seen ending in the Activity stream, reloads the communities too
        tasks.addEndListener(t -> communities.taskEnded(t.id(), t.name(), t.status()));
        cardController = new TaskCardController(taskCard);
        endNotice = new TaskEndNotice(taskCard, notifier);
        mainController = new MainController(projectId, serverDescription, endNotice);
        root = Fxml.load(MainView.class, "main.fxml",
                mainController,
                new CommunitiesController(communities),
                new CommunityMapController(communities.map()),
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

    public GraphImportViewModel imports() {
        return imports;
    }

    public TaskListViewModel tasks() {
        return tasks;
    }

    public TaskEndNotice endNotice() {
        return endNotice;
    }

    @Override
    public void close() {
        mainController.release();
        notifier.close();
        cardController.dispose();
        tasks.close();
        taskCard.close();
    }
}
