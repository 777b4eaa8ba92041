package com.cruddur.console.ui.common;

import atlantafx.base.theme.Styles;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Icons (Ikonli's Feather pack, e.g. {@code Feather.REFRESH_CW}) for buttons, tabs and menu items, so every tab uses
 * them the same way. Colours come from the theme; the size from app.css ({@code .ikonli-font-icon}).
 * In FXML, {@code <FontIcon iconLiteral="fth-refresh-cw"/>} as a graphic does the same as {@link #icon}.
 */
public final class Icons {
    private static final Duration TOOLTIP_DELAY = Duration.millis(400);

    private Icons() {
    }

    /** The icon alone, e.g. for a tab, a label or a menu item's graphic. */
    public static FontIcon icon(Ikon ikon) {
        return new FontIcon(ikon);
    }

    /**
     * An icon-only button whose tooltip (and accessible text) names the action and its shortcut, e.g.
     * {@code Icons.button(Feather.REFRESH_CW, "Refresh (F5)")}.
     */
    public static Button button(Ikon ikon, String action) {
        return iconOnly(new Button(), ikon, action);
    }

    /** Makes an existing button (one from FXML) icon-only, with the tooltip {@code action}. */
    public static <B extends ButtonBase> B iconOnly(B button, Ikon ikon, String action) {
        button.setGraphic(icon(ikon));
        button.setText(null);
        button.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        button.getStyleClass().add(Styles.BUTTON_ICON);
        button.setAccessibleText(action);
        button.setTooltip(tooltip(action));
        return button;
    }

    /** Puts {@code ikon} before the text of a button or label (the text stays). */
    public static <L extends Labeled> L withIcon(L labeled, Ikon ikon) {
        labeled.setGraphic(icon(ikon));
        return labeled;
    }

    /** A tooltip that shows a little sooner than JavaFX's default second. */
    public static Tooltip tooltip(String text) {
        Tooltip t = new Tooltip(text);
        t.setShowDelay(TOOLTIP_DELAY);
        return t;
    }
}
