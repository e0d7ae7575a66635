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
import javafx.scene.layout.GridPane;
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
    @FXML private Label statCommunities;
    @FXML private Label statConnections;
    @FXML private Label statModularity;
    @FXML private Label statDuration;
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
        vm.resultProperty().addListener((o, was, r) -> {
            statCommunities.setText(r == null ? "" : r.communitiesText());
            statConnections.setText(r == null ? "" : r.connectionsText());
            statModularity.setText(r == null ? "" : r.modularityText());
            statDuration.setText(r == null ? "" : r.durationText());
        });
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
