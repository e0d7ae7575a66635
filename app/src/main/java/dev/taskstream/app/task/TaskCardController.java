package dev.taskstream.app.task;

import dev.taskstream.app.connection.LinkIndicator;
import dev.taskstream.app.fx.Shown;
import dev.taskstream.app.fx.StatusPill;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** Thin controller of {@code task-card.fxml}: binds the card to a {@link TaskCardViewModel} and ticks its clock. */
public final class TaskCardController {
    private final TaskCardViewModel vm;
    private final Timeline ticker;

    @FXML private Label taskEmpty;
    @FXML private VBox body;
    @FXML private Label taskTitle;
    @FXML private Label taskStatus;
    @FXML private ProgressBar taskProgress;
    @FXML private Label taskPercent;
    @FXML private Label taskMessage;
    @FXML private Label taskElapsed;
    @FXML private LinkIndicator taskLink;
    @FXML private Label taskLinkDetail;
    @FXML private GridPane taskStats;
    @FXML private Label taskError;
    @FXML private Label taskNotice;
    @FXML private TextField taskIdField;
    @FXML private Button copyTaskId;
    @FXML private Button cancelButton;

    public TaskCardController(TaskCardViewModel vm) {
        this.vm = vm;
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
    }

    @FXML
    private void initialize() {
        Shown.when(body, vm.hasTaskProperty());
        Shown.when(taskEmpty, vm.hasTaskProperty().not());
        taskTitle.textProperty().bind(vm.titleProperty());
        vm.statusProperty().addListener((o, was, now) -> StatusPill.show(taskStatus, now));
        StatusPill.show(taskStatus, vm.statusProperty().get());
        taskProgress.progressProperty().bind(vm.progressProperty());
        taskPercent.textProperty().bind(vm.percentTextProperty());
        taskMessage.textProperty().bind(vm.messageProperty());
        taskElapsed.textProperty().bind(Bindings.when(vm.elapsedTextProperty().isEmpty()).then("")
                .otherwise(Bindings.concat("Elapsed ", vm.elapsedTextProperty())));
        taskLink.show(vm.linkProperty(), vm.linkDetailProperty());
        taskLinkDetail.textProperty().bind(vm.linkDetailProperty());

        Shown.when(taskStats, vm.resultProperty().isNotNull());
        vm.resultProperty().addListener((o, was, r) -> showStats(r));
        taskError.textProperty().bind(vm.errorProperty());
        Shown.when(taskError, vm.errorProperty().isNotEmpty());
        taskNotice.textProperty().bind(vm.noticeProperty());
        Shown.when(taskNotice, vm.noticeProperty().isNotEmpty());

        taskIdField.textProperty().bind(Bindings.createStringBinding(
                () -> vm.taskIdProperty().get() == null ? "" : vm.taskIdProperty().get().toString(),
                vm.taskIdProperty()));
        cancelButton.disableProperty().bind(vm.canCancelProperty().not());
        Shown.when(cancelButton, vm.activeProperty());
        ticker.play();
    }

    /** Three tiles a row for a rebuild's five numbers; two for an import's longer captions. */
    private void showStats(ResultStats r) {
        taskStats.getChildren().clear();
        taskStats.getColumnConstraints().clear();
        if (r == null) {
            return;
        }
        int columns = r.stats().size() > 6 ? 2 : 3;
        for (int c = 0; c < columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / columns);
            cc.setHgrow(Priority.ALWAYS);
            taskStats.getColumnConstraints().add(cc);
        }
        for (int i = 0; i < r.stats().size(); i++) {
            taskStats.add(StatTile.of(r.stats().get(i)), i % columns, i / columns);
        }
    }

    @FXML
    private void onCopyId() {
        ClipboardContent c = new ClipboardContent();
        c.putString(taskIdField.getText());
        Clipboard.getSystemClipboard().setContent(c);
        copyTaskId.setText("Copied");
        new Timeline(new KeyFrame(Duration.seconds(1.5), x -> copyTaskId.setText("Copy"))).play();
    }

    @FXML
    private void onCancel() {
        vm.cancel();
    }

    /** Stops the clock; the view model is closed by its owner. */
    public void dispose() {
        ticker.stop();
    }
}
