package dev.taskstream.app.task;

import dev.taskstream.app.connection.LinkIndicator;
import dev.taskstream.shared.api.TaskStatus;
import java.util.Locale;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The card of the watched task; everything it shows is bound to a {@link TaskCardViewModel}. */
public final class TaskCardView extends VBox {
    private final TaskCardViewModel vm;
    private final Timeline ticker;

    public TaskCardView(TaskCardViewModel vm) {
        super(10);
        this.vm = vm;
        getStyleClass().addAll("card", "task-card");
        setId("taskCard");

        Label title = new Label();
        title.setId("taskTitle");
        title.getStyleClass().add("card-title");
        title.textProperty().bind(vm.titleProperty());
        Label statusPill = new Label();
        statusPill.setId("taskStatus");
        statusPill.getStyleClass().add("pill");
        vm.statusProperty().addListener((o, was, now) -> styleStatus(statusPill, now));
        styleStatus(statusPill, vm.statusProperty().get());
        HBox head = new HBox(8, title, grow(), statusPill);
        head.setAlignment(Pos.CENTER_LEFT);

        ProgressBar bar = new ProgressBar(0);
        bar.setId("taskProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label percent = new Label();
        percent.setId("taskPercent");
        percent.getStyleClass().add("percent");
        percent.textProperty().bind(vm.percentTextProperty());
        HBox progressRow = new HBox(10, bar, percent);
        progressRow.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("taskMessage");
        message.getStyleClass().add("task-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());

        Label elapsed = new Label();
        elapsed.setId("taskElapsed");
        elapsed.getStyleClass().add("muted");
        elapsed.textProperty().bind(Bindings.when(vm.elapsedTextProperty().isEmpty()).then("")
                .otherwise(Bindings.concat("Elapsed ", vm.elapsedTextProperty())));
        LinkIndicator link = new LinkIndicator(vm.linkProperty(), vm.linkDetailProperty());
        link.setId("taskLink");
        Label linkDetail = new Label();
        linkDetail.setId("taskLinkDetail");
        linkDetail.getStyleClass().addAll("muted", "small");
        linkDetail.setWrapText(true);
        linkDetail.textProperty().bind(vm.linkDetailProperty());
        HBox metaRow = new HBox(8, elapsed, grow(), link);
        metaRow.setAlignment(Pos.CENTER_LEFT);

        GridPane stats = new GridPane();
        stats.setId("taskStats");
        stats.getStyleClass().add("stats");
        stats.setHgap(8);
        stats.setVgap(8);
        Label communities = statValue("statCommunities");
        Label connections = statValue("statConnections");
        Label modularity = statValue("statModularity");
        Label duration = statValue("statDuration");
        stats.add(tile(communities, "Communities"), 0, 0);
        stats.add(tile(connections, "Connections"), 1, 0);
        stats.add(tile(modularity, "Modularity"), 0, 1);
        stats.add(tile(duration, "Duration"), 1, 1);
        stats.visibleProperty().bind(vm.resultProperty().isNotNull());
        stats.managedProperty().bind(stats.visibleProperty());
        vm.resultProperty().addListener((o, was, r) -> {
            communities.setText(r == null ? "" : r.communitiesText());
            connections.setText(r == null ? "" : r.connectionsText());
            modularity.setText(r == null ? "" : r.modularityText());
            duration.setText(r == null ? "" : r.durationText());
        });

        Label error = new Label();
        error.setId("taskError");
        error.getStyleClass().add("error-box");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Label notice = new Label();
        notice.setId("taskNotice");
        notice.getStyleClass().addAll("muted", "small");
        notice.setWrapText(true);
        notice.textProperty().bind(vm.noticeProperty());
        notice.visibleProperty().bind(vm.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());

        TextField idField = new TextField();
        idField.setId("taskIdField");
        idField.setEditable(false);
        idField.getStyleClass().add("mono");
        idField.textProperty().bind(Bindings.createStringBinding(
                () -> vm.taskIdProperty().get() == null ? "" : vm.taskIdProperty().get().toString(),
                vm.taskIdProperty()));
        HBox.setHgrow(idField, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.setId("copyTaskId");
        copy.getStyleClass().add("flat");
        copy.setTooltip(new Tooltip("Copy the task id"));
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(idField.getText());
            Clipboard.getSystemClipboard().setContent(c);
            copy.setText("Copied");
            new Timeline(new KeyFrame(Duration.seconds(1.5), x -> copy.setText("Copy"))).play();
        });
        Label idCaption = new Label("Task ID");
        idCaption.getStyleClass().add("muted");
        HBox idRow = new HBox(6, idCaption, idField, copy);
        idRow.setAlignment(Pos.CENTER_LEFT);

        Button cancel = new Button("Cancel task");
        cancel.setId("cancelButton");
        cancel.getStyleClass().add("danger");
        cancel.disableProperty().bind(vm.canCancelProperty().not());
        cancel.visibleProperty().bind(vm.activeProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.cancel());

        VBox body = new VBox(10, head, progressRow, message, metaRow, linkDetail, stats, error, notice, idRow, cancel);
        body.visibleProperty().bind(vm.hasTaskProperty());
        body.managedProperty().bind(body.visibleProperty());

        Label empty = new Label("No task yet.\nClick “Rebuild Communities”, or pick a task under Activity.");
        empty.setId("taskEmpty");
        empty.getStyleClass().add("placeholder");
        empty.setWrapText(true);
        empty.visibleProperty().bind(vm.hasTaskProperty().not());
        empty.managedProperty().bind(empty.visibleProperty());

        getChildren().addAll(empty, body);

        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();
    }

    public TaskCardViewModel viewModel() {
        return vm;
    }

    /** Stops the clock; the view model is closed by its owner. */
    public void dispose() {
        ticker.stop();
    }

    private static void styleStatus(Label pill, TaskStatus status) {
        pill.getStyleClass().removeIf(c -> c.startsWith("status-"));
        if (status == null) {
            pill.setText("");
            pill.setVisible(false);
            return;
        }
        pill.setVisible(true);
        pill.setText(status.wire().toUpperCase(Locale.ROOT));
        pill.getStyleClass().add("status-" + status.wire());
    }

    private static Label statValue(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("stat-value");
        return l;
    }

    private static VBox tile(Label value, String caption) {
        Label c = new Label(caption);
        c.getStyleClass().add("stat-caption");
        VBox box = new VBox(2, value, c);
        box.getStyleClass().add("stat-tile");
        box.setMaxWidth(Double.MAX_VALUE);
        GridPane.setHgrow(box, Priority.ALWAYS);
        return box;
    }

    private static Region grow() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }
}
