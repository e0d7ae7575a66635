package dev.taskstream.app.tasklist;

import dev.taskstream.app.fx.Formats;
import dev.taskstream.app.fx.Fxml;
import dev.taskstream.app.fx.StatusPill;
import dev.taskstream.app.task.TaskTitles;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;

/** A row of Activity ({@code task-list-item.fxml}, this cell is its controller); a press opens the task. */
final class TaskListCell extends ListCell<TaskListItem> {
    private final Parent row;
    @FXML private Label name;
    @FXML private Label status;
    @FXML private Label message;
    @FXML private Label time;
    @FXML private ProgressBar bar;

    TaskListCell(Consumer<UUID> open) {
        row = Fxml.loadWith(TaskListCell.class, "task-list-item.fxml", this);
        // on press, on the cell: rows of running tasks are redrawn many times a second, so a press and its
        // release may not meet on the same node (no "clicked" event)
        setOnMousePressed(e -> {
            if (getItem() != null) {
                open.accept(getItem().id());
            }
        });
        setPrefWidth(0); // follow the list's width instead of the content's (no horizontal scroll bar)
    }

    @Override
    protected void updateItem(TaskListItem item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        name.setText(TaskTitles.title(item.name()));
        StatusPill.show(status, item.status());
        bar.setProgress(item.progress() / 100.0);
        bar.setVisible(item.isActive());
        bar.setManaged(item.isActive());
        String text = item.error() != null && !item.error().isBlank() ? item.error() : item.message();
        message.setText(text == null ? "" : text);
        time.setText(Formats.time(item.updatedAt()));
        setGraphic(row);
    }
}
