package dev.taskstream.app.task;

import dev.taskstream.app.fx.Fxml;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/**
 * One tile of the task card's statistics ({@code stat-tile.fxml}): the number, its caption, and a tooltip that
 * says what it counts. The card has as many as the result has statistics, so they are made per result.
 */
final class StatTile {
    @FXML private VBox tile;
    @FXML private Label value;
    @FXML private Label caption;

    private StatTile() {
    }

    static VBox of(ResultStats.Stat stat) {
        StatTile t = new StatTile();
        Fxml.loadWith(StatTile.class, "stat-tile.fxml", t);
        t.value.setId("stat" + stat.key());
        t.value.setText(stat.text());
        t.caption.setText(stat.caption());
        Tooltip.install(t.tile, new Tooltip(stat.tooltip()));
        return t.tile;
    }
}
