package com.cruddur.console.ui.common;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/**
 * The "⋯" button at the end of a tab's toolbar that holds its less common actions, so toolbars keep only what is
 * used often and every tab's overflow looks and reads the same (tooltip "More actions").
 */
public final class OverflowMenu {
    private OverflowMenu() {
    }

    /** A "⋯" menu button with {@code id} (for tests) and the given items. */
    public static MenuButton create(String id, MenuItem... items) {
        MenuButton more = new MenuButton();
        more.setId(id);
        more.setGraphic(Icons.icon(Feather.MORE_HORIZONTAL));
        more.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Tweaks.NO_ARROW, "overflow-menu");
        more.setAccessibleText("More actions");
        more.setTooltip(Icons.tooltip("More actions"));
        more.getItems().addAll(items);
        return more;
    }

    /** A menu item with {@code id}, {@code text}, an optional icon ({@code null} for none) and an action. */
    public static MenuItem item(String id, String text, Ikon icon, EventHandler<ActionEvent> action) {
        MenuItem item = new MenuItem(text, icon == null ? null : Icons.icon(icon));
        item.setId(id);
        item.setOnAction(action);
        return item;
    }
}
