package dev.taskstream.app.connection;

import dev.taskstream.shared.tracking.TrackedTask;
import java.util.Locale;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Circle;

/**
 * A coloured dot and the connection's word (null: "Idle", nothing to watch); the detail (why, when the next retry is) as tooltip. A small control used
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
        update(null, "");
    }

    /** Follows {@code state} and {@code detail} from now on. */
    public void show(ObservableValue<TrackedTask.Connection> state, ObservableValue<String> detail) {
        state.addListener((obs, old, now) -> update(now, detail.getValue()));
        detail.addListener((obs, old, now) -> update(state.getValue(), now));
        update(state.getValue(), detail.getValue());
    }

    private void update(TrackedTask.Connection state, String detail) {
        getStyleClass().removeIf(c -> c.startsWith("link-") && !c.equals("link-indicator"));
        getStyleClass().add(state == null ? "link-idle" : "link-" + state.name().toLowerCase(Locale.ROOT));
        label.setText(label(state));
        tooltip.setText(detail == null || detail.isBlank() ? label(state) : detail);
    }

    /** The state's word; null is nothing to watch. */
    static String label(TrackedTask.Connection state) {
        return state == null ? "Idle" : switch (state) {
            case CONNECTING -> "Connecting…";
            case LIVE -> "Live";
            case RECONNECTING -> "Reconnecting…";
            case POLLING -> "Polling";
            case OFFLINE -> "Offline";
            case ENDED -> "Stream closed";
        };
    }
}
