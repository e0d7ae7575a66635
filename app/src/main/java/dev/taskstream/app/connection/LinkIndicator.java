package dev.taskstream.app.connection;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Circle;

/**
 * A coloured dot and the state's word; the detail (why, when the next retry is) as tooltip. A small control used
 * in FXML ({@code <LinkIndicator fx:id="…"/>}); its controller connects it with {@link #show}.
 */
public final class LinkIndicator extends HBox {
    private final Label label = new Label();
    private final Circle dot = new Circle(5);
    private final Tooltip tooltip = new Tooltip();

    public LinkIndicator() {
        super(6);
        setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("link-indicator");
        dot.getStyleClass().add("link-dot");
        label.getStyleClass().add("link-label");
        getChildren().addAll(dot, label);
        Tooltip.install(this, tooltip);
        update(LinkState.IDLE, "");
    }

    /** Follows {@code state} and {@code detail} from now on. */
    public void show(ObservableValue<LinkState> state, ObservableValue<String> detail) {
        state.addListener((obs, old, now) -> update(now, detail.getValue()));
        detail.addListener((obs, old, now) -> update(state.getValue(), now));
        update(state.getValue(), detail.getValue());
    }

    private void update(LinkState state, String detail) {
        LinkState s = state == null ? LinkState.IDLE : state;
        getStyleClass().removeIf(c -> c.startsWith("link-") && !c.equals("link-indicator"));
        getStyleClass().add(s.styleClass());
        label.setText(s.label());
        tooltip.setText(detail == null || detail.isBlank() ? s.label() : detail);
    }
}
