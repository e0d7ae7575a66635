package dev.taskstream.app.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Cell;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/**
 * Finds the labels, buttons, tabs and column headers whose shown text is cut short: the skin puts the clipped
 * string (ending in an ellipsis) into the Labeled's text node, so the two are compared. Cells may ellipsize (they
 * carry a tooltip), and hidden nodes show nothing.
 */
final class Truncations {
    private Truncations() {
    }

    /** "Labeled text → shown text" for every cut-short Labeled under {@code root}; call on the FX thread. */
    static List<String> under(Node root) {
        List<String> found = new ArrayList<>();
        collect(root, found);
        return found;
    }

    private static void collect(Node node, List<String> found) {
        if (!node.isVisible() || node instanceof Cell<?>) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty()) {
            String shown = shownText(labeled);
            if (shown != null && !shown.replace("\n", " ").strip().equals(labeled.getText().replace("\n", " ").strip())
                    && (shown.contains("…") || shown.contains("..."))) {
                found.add(describe(labeled) + ": \"" + labeled.getText() + "\" shown as \"" + shown + "\"");
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, found);
            }
        }
    }

    /** The skin's text node (LabeledText, style class "text"), or null before the skin exists. */
    private static String shownText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text t && child.getStyleClass().contains("text")) {
                return t.getText();
            }
        }
        return null;
    }

    private static String describe(Labeled l) {
        String id = l.getId() != null ? "#" + l.getId() : "";
        return l.getClass().getSimpleName() + id + " " + l.getStyleClass();
    }
}
