package com.cruddur.console.ui.common;

import javafx.beans.value.ChangeListener;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.event.EventType;
import javafx.scene.Node;
import javafx.stage.Window;

/**
 * A handler on the window that shows a node, for as long as it shows it. A window outlives the scenes shown in it (a
 * stage can be given another scene), and a handler left on it keeps the old view and all it reaches alive: the GUI
 * tests' shared stage held every window built before it that way.
 */
public final class WindowEvents {
    private WindowEvents() {
    }

    /** Adds {@code handler} to the window showing {@code node}, moves it when that window changes, removes it after. */
    public static <T extends Event> void whileIn(Node node, EventType<T> type, EventHandler<? super T> handler) {
        ChangeListener<Window> follow = (o, old, now) -> {
            if (old != null) {
                old.removeEventHandler(type, handler);
            }
            if (now != null) {
                now.addEventHandler(type, handler);
            }
        };
        node.sceneProperty().addListener((o, oldScene, scene) -> {
            if (oldScene != null) {
                oldScene.windowProperty().removeListener(follow);
                follow.changed(null, oldScene.getWindow(), null);
            }
            if (scene != null) {
                scene.windowProperty().addListener(follow);
                follow.changed(null, null, scene.getWindow());
            }
        });
    }
}
