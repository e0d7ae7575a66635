package dev.taskstream.app.communities;

import dev.taskstream.shared.api.RebuildRequest;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** Confirms a rebuild and offers the algorithm (Leiden with its resolution, or label propagation). */
public final class RebuildDialog extends Dialog<RebuildRequest> {
    public static final ButtonType REBUILD = new ButtonType("Rebuild", ButtonBar.ButtonData.OK_DONE);
    static final String LEIDEN = "leiden";
    static final String LABEL_PROPAGATION = "label_propagation";

    public RebuildDialog(Window owner, String projectId, long currentCommunities) {
        if (owner != null) {
            initOwner(owner);
            if (owner.getScene() != null) {
                getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
            }
        }
        setTitle("Rebuild communities");
        setHeaderText("Rebuild the communities of “" + projectId + "”?");
        getDialogPane().getStyleClass().add("rebuild-dialog");

        ChoiceBox<String> algorithm = new ChoiceBox<>(FXCollections.observableArrayList(LEIDEN, LABEL_PROPAGATION));
        algorithm.setId("algorithmChoice");
        algorithm.setValue(LEIDEN);
        algorithm.setConverter(new StringConverter<>() {
            @Override
            public String toString(String s) {
                return LEIDEN.equals(s) ? "Leiden (modularity, connected communities)"
                        : LABEL_PROPAGATION.equals(s) ? "Label propagation (fast)" : s;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        Spinner<Double> resolution = new Spinner<>(new SpinnerValueFactory.DoubleSpinnerValueFactory(0.1, 5.0, 1.0, 0.1));
        resolution.setId("resolutionSpinner");
        resolution.setEditable(true);
        resolution.disableProperty().bind(algorithm.valueProperty().isNotEqualTo(LEIDEN));

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(10);
        form.addRow(0, new Label("Algorithm"), algorithm);
        form.addRow(1, new Label("Resolution"), resolution);
        Label hint = new Label("Higher resolution gives more, smaller communities. "
                + (currentCommunities > 0 ? "The " + currentCommunities + " current communities are replaced. " : "")
                + "The rebuild runs on the server; you can follow it live and cancel it.");
        hint.setWrapText(true);
        hint.setMaxWidth(420);
        hint.getStyleClass().add("muted");
        Node content = new VBox(14, form, hint);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().addAll(REBUILD, ButtonType.CANCEL);
        getDialogPane().lookupButton(REBUILD).setId("confirmRebuild");
        getDialogPane().lookupButton(REBUILD).getStyleClass().add("accent");

        setResultConverter(button -> {
            if (button != REBUILD) {
                return null;
            }
            String a = algorithm.getValue();
            Double r = LEIDEN.equals(a) ? resolution.getValue() : null;
            return new RebuildRequest(a, r, null);
        });
    }
}
