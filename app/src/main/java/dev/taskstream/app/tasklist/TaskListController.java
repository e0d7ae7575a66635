package dev.taskstream.app.tasklist;

import dev.taskstream.app.connection.LinkIndicator;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.control.ListView;

/** Thin controller of {@code task-list.fxml} ("Activity"): clicking a task opens it in the task card. */
public final class TaskListController {
    private final TaskListViewModel vm;
    private final Consumer<UUID> open;

    @FXML private LinkIndicator tasksLink;
    @FXML private ListView<TaskListItem> tasksList;

    /** {@code open} receives the id of the task the user picked. */
    public TaskListController(TaskListViewModel vm, Consumer<UUID> open) {
        this.vm = vm;
        this.open = open;
    }

    @FXML
    private void initialize() {
        tasksLink.show(vm.linkProperty(), vm.linkDetailProperty());
        tasksList.setItems(vm.tasks());
        tasksList.setCellFactory(v -> new TaskListCell(open));
    }
}
