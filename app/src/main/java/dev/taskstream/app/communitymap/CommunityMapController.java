package dev.taskstream.app.communitymap;

import dev.taskstream.app.fx.Shown;
import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.control.Label;

/**
 * Thin controller of {@code communitymap.fxml} (included by the communities view): binds the canvas to a
 * {@link CommunityMapViewModel} and hands clicks on a community to the including view, which selects its row.
 */
public final class CommunityMapController {
    private final CommunityMapViewModel vm;
    private Consumer<String> onPick = id -> { };

    @FXML private MapCanvas mapCanvas;
    @FXML private Label mapMessage;
    @FXML private Label mapCaption;

    public CommunityMapController(CommunityMapViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        mapCanvas.mapProperty().bind(vm.sceneProperty());
        mapCanvas.selectedIdProperty().bind(vm.selectedIdProperty());
        mapCanvas.setOnPick(id -> {
            vm.select(id); // ringed at once; the detail follows from the including view
            onPick.accept(id);
        });
        mapMessage.textProperty().bind(vm.messageProperty());
        mapMessage.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        mapCaption.textProperty().bind(vm.captionProperty());
        Shown.when(mapCaption, vm.captionProperty().isNotEmpty());
        vm.show(); // the map loads with the communities, and again with each of their reloads
    }

    /** What a click on a community does besides highlighting it (the communities view selects its row). */
    public void setOnPick(Consumer<String> onPick) {
        this.onPick = onPick;
    }
}
