package dev.taskstream.app.communities;

import dev.taskstream.app.fx.Fxml;
import dev.taskstream.shared.api.RebuildRequest;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * Confirms a rebuild and offers the algorithm (Leiden with its resolution, or label propagation). The dialog is the
 * controller of its pane, {@code rebuild-dialog.fxml}.
 */
public final class RebuildDialog extends Dialog<RebuildRequest> {
    static final String LEIDEN = "leiden";
    static final String LABEL_PROPAGATION = "label_propagation";

    @FXML private ButtonType rebuild;
    @FXML private ChoiceBox<String> algorithmChoice;
    @FXML private Spinner<Double> resolutionSpinner;
    @FXML private Label hint;

    public RebuildDialog(Window owner, String projectId, long currentCommunities) {
        setDialogPane(Fxml.loadWith(RebuildDialog.class, "rebuild-dialog.fxml", this));
        if (owner != null) {
            initOwner(owner);
            if (owner.getScene() != null) {
                getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
            }
        }
        setTitle("Rebuild communities");
        setHeaderText("Rebuild the communities of “" + projectId + "”?");
        hint.setText("Higher resolution gives more, smaller communities. "
                + (currentCommunities > 0 ? "The " + currentCommunities + " current communities are replaced. " : "")
                + "The rebuild runs on the server; you can follow it live and cancel it.");
        Node confirm = getDialogPane().lookupButton(rebuild);
        confirm.setId("confirmRebuild");
        confirm.getStyleClass().add("accent");
        setResultConverter(button -> {
            if (button != rebuild) {
                return null;
            }
            String a = algorithmChoice.getValue();
            Double r = LEIDEN.equals(a) ? resolutionSpinner.getValue() : null;
            return new RebuildRequest(a, r, null);
        });
    }

    @FXML
    private void initialize() {
        algorithmChoice.setConverter(new StringConverter<>() {
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
        resolutionSpinner.setValueFactory(new SpinnerValueFactory.DoubleSpinnerValueFactory(0.1, 5.0, 1.0, 0.1));
        resolutionSpinner.disableProperty().bind(algorithmChoice.valueProperty().isNotEqualTo(LEIDEN));
    }
}
