package dev.taskstream.app.tasks;

import dev.taskstream.app.connection.LinkIndicator;
import dev.taskstream.app.fx.Formats;
import dev.taskstream.app.task.TaskSnapshot;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** "Activity": the project's recent and running tasks, live; clicking one shows it in the task card. */
public final class TasksPanel extends VBox {

    public TasksPanel(TasksViewModel vm, Consumer<UUID> open) {
        super(8);
        getStyleClass().addAll("card", "tasks-panel");
        setId("tasksPanel");
        Label title = new Label("Activity");
        title.getStyleClass().add("card-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        LinkIndicator link = new LinkIndicator(vm.linkProperty(), vm.linkDetailProperty());
        link.setId("tasksLink");
        HBox head = new HBox(8, title, spacer, link);
        head.setAlignment(Pos.CENTER_LEFT);

        ListView<TaskRow> list = new ListView<>(vm.tasks());
        list.setId("tasksList");
        list.getStyleClass().add("tasks-list");
        list.setPlaceholder(new Label("No tasks yet"));
        list.setCellFactory(v -> new Cell(open));
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(head, list);
    }

    private static final class Cell extends ListCell<TaskRow> {
        private final Label name = new Label();
        private final Label status = new Label();
        private final Label message = new Label();
        private final Label time = new Label();
        private final ProgressBar bar = new ProgressBar();
        private final VBox box;

        Cell(Consumer<UUID> open) {
            // on press, on the cell: rows of running tasks are redrawn many times a second, so a press and its
            // release may not meet on the same node (no "clicked" event)
            setOnMousePressed(e -> {
                if (getItem() != null) {
                    open.accept(getItem().id());
                }
            });
            setPrefWidth(0); // follow the list's width instead of the content's (no horizontal scroll bar)
            name.getStyleClass().add("task-row-name");
            message.setMinWidth(0);
            HBox.setHgrow(message, Priority.SOMETIMES);
            status.getStyleClass().add("pill");
            message.getStyleClass().addAll("muted", "small");
            time.getStyleClass().addAll("muted", "small");
            bar.getStyleClass().add("mini-bar");
            bar.setMaxWidth(Double.MAX_VALUE);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox top = new HBox(6, name, spacer, status);
            top.setAlignment(Pos.CENTER_LEFT);
            Region spacer2 = new Region();
            HBox.setHgrow(spacer2, Priority.ALWAYS);
            HBox bottom = new HBox(6, message, spacer2, time);
            box = new VBox(4, top, bar, bottom);
            box.getStyleClass().add("task-row");
            box.setMouseTransparent(true); // the whole cell takes the press (the progress bar would swallow it)
        }

        @Override
        protected void updateItem(TaskRow r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            name.setText(TaskSnapshot.title(r.name()));
            status.setText(r.status() == null ? "" : r.status().wire().toUpperCase(Locale.ROOT));
            status.getStyleClass().removeIf(c -> c.startsWith("status-"));
            if (r.status() != null) {
                status.getStyleClass().add("status-" + r.status().wire());
            }
            bar.setProgress(r.progress() / 100.0);
            bar.setVisible(r.isActive());
            bar.setManaged(r.isActive());
            String text = r.error() != null && !r.error().isBlank() ? r.error() : r.message();
            message.setText(text == null ? "" : text);
            time.setText(Formats.time(r.updatedAt()));
            setText(null);
            setGraphic(box);
        }
    }
}
