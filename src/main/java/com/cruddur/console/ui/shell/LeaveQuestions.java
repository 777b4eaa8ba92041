package com.cruddur.console.ui.shell;

import com.cruddur.console.ui.common.UnsavedWork;
import com.cruddur.console.ui.common.WindowEvents;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

import java.util.function.BooleanSupplier;

/**
 * The window's side of {@link UnsavedWork}: leaving a tab that holds unsaved work, or closing the window, asks first.
 * The tab shown stays shown (and the window open) until the work is applied or discarded; Cancel changes nothing.
 */
final class LeaveQuestions {
    private final UnsavedWork unsaved;
    private final TabPane tabs;
    private boolean moving;

    private LeaveQuestions(UnsavedWork unsaved, TabPane tabs) {
        this.unsaved = unsaved;
        this.tabs = tabs;
    }

    /**
     * Asks before leaving a tab with unsaved work and before the window that will hold {@code root} closes; once the
     * user let the window go, {@code beforeClose} runs (false keeps the window open).
     */
    static void install(UnsavedWork unsaved, TabPane tabs, Node root, BooleanSupplier beforeClose) {
        LeaveQuestions q = new LeaveQuestions(unsaved, tabs);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> q.tabChanged(was, now));
        // only while the root is in the window: a handler left on a window keeps this view alive (WindowEvents)
        WindowEvents.whileIn(root, WindowEvent.WINDOW_CLOSE_REQUEST,
                e -> q.closeRequested(root.getScene().getWindow(), e, beforeClose));
    }

    private void tabChanged(Tab was, Tab now) {
        if (moving || was == null || now == null || was.getId() == null) {
            return;
        }
        String left = was.getId();
        if (unsaved.pending(work -> left.equals(work.tab())).isEmpty()) {
            return;
        }
        // back to the tab that holds the work at once; the question comes after this selection change is over
        select(was);
        Platform.runLater(() -> unsaved.beforeLeaving("leave the " + was.getText() + " tab",
                work -> left.equals(work.tab()), () -> select(now)));
    }

    private void select(Tab tab) {
        moving = true;
        try {
            tabs.getSelectionModel().select(tab);
        } finally {
            moving = false;
        }
    }

    private void closeRequested(Window window, WindowEvent e, BooleanSupplier beforeClose) {
        if (!unsaved.any()) {
            if (!beforeClose.getAsBoolean()) {
                e.consume();
            }
            return;
        }
        // the window stays until every piece of work is applied or discarded, which may take a round trip
        e.consume();
        unsaved.beforeLeaving("quit", work -> true, () -> {
            if (beforeClose.getAsBoolean()) {
                window.hide();
            }
        });
    }
}
