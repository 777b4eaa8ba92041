package com.cruddur.console.ui.browse;

import javafx.application.Application;
import javafx.scene.Parent;

import java.util.Objects;

/**
 * The Browse block of app.css uses AtlantaFX's looked-up colours ({@code -color-fg-muted}, …). Under JavaFX's own
 * Modena theme they do not exist, so this view adds a small stylesheet defining them — only then: defined in an
 * author stylesheet they would override the theme's own values (and its dark variant) wherever they apply.
 */
final class ModenaFallback {
    private ModenaFallback() {
    }

    /** Adds the fallback colours to {@code root} when the application runs on Modena (no user-agent theme set). */
    static void applyTo(Parent root) {
        String theme = Application.getUserAgentStylesheet();
        if (theme == null || theme.toLowerCase(java.util.Locale.ROOT).contains("modena")) {
            root.getStylesheets().add(Objects.requireNonNull(
                    ModenaFallback.class.getResource("browse-modena-colours.css")).toExternalForm());
        }
    }
}
