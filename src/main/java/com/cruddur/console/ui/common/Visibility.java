package com.cruddur.console.ui.common;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/** Showing and hiding nodes so that a hidden one also gives up its place in the layout. */
public final class Visibility {
    private Visibility() {
    }

    /** {@code node} is shown, and takes its place in the layout, exactly while {@code condition} holds. */
    public static void showWhen(Node node, ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }
}
