package com.cruddur.console.core.settings;

import java.util.Objects;

/** The window's own settings, kept in {@code settings.json} of the config folder (see {@link UiSettingsStore}). */
public record UiSettings(ThemeChoice theme) {
    public UiSettings {
        Objects.requireNonNull(theme, "theme");
    }

    /** What a new user gets: the theme follows the desktop. */
    public static UiSettings defaults() {
        return new UiSettings(ThemeChoice.SYSTEM);
    }

    public UiSettings withTheme(ThemeChoice choice) {
        return new UiSettings(choice);
    }
}
