package dev.taskstream.app.fx;

import java.util.function.Function;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/**
 * A text cell with a tooltip: the tooltip function of the row's item, or (null) the whole text. Long names are cut
 * in narrow columns; the tooltip shows them in full.
 */
public final class TooltipCell<S> extends TableCell<S, String> {
    private final Function<S, String> tooltip;
    private final Tooltip tip = new Tooltip();

    public TooltipCell(Function<S, String> tooltip) {
        this.tooltip = tooltip;
        tip.setWrapText(true);
        tip.setMaxWidth(480);
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null || item.isEmpty()) {
            setText(null);
            setTooltip(null);
        } else {
            setText(item);
            S row = getTableRow() == null ? null : getTableRow().getItem();
            tip.setText(tooltip == null || row == null ? item : tooltip.apply(row));
            setTooltip(tip);
        }
    }
}
