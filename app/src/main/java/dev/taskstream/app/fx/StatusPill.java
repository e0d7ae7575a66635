package dev.taskstream.app.fx;

import dev.taskstream.shared.api.TaskStatus;
import java.util.Locale;
import javafx.scene.control.Label;

/** A task's status as a coloured pill ({@code status-processing} etc. in app.css); hidden when there is none. */
public final class StatusPill {
    private StatusPill() {
    }

    public static void show(Label pill, TaskStatus status) {
        pill.getStyleClass().removeIf(c -> c.startsWith("status-"));
        pill.setVisible(status != null);
        if (status == null) {
            pill.setText("");
            return;
        }
        pill.setText(status.wire().toUpperCase(Locale.ROOT));
        pill.getStyleClass().add("status-" + status.wire());
    }
}
