package dev.taskstream.app.fx;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/** Shows a node, and gives it room in its layout, only while a condition holds. */
public final class Shown {
    private Shown() {
    }

    public static void when(Node node, ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(node.visibleProperty());
    }
}
