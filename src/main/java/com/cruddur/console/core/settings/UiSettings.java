package com.cruddur.console.core.settings;

import java.util.Objects;
import java.util.Optional;

/**
 * The window's own settings, kept in {@code settings.json} of the config folder (see {@link UiSettingsStore}).
 *
 * @param lastProfile name of the profile in use when the window last switched profile; the next start opens it
 *                    (null: none remembered yet, the default profile is used)
 */
public record UiSettings(ThemeChoice theme, String lastProfile) {
    public UiSettings {
        Objects.requireNonNull(theme, "theme");
        lastProfile = lastProfile == null || lastProfile.isBlank() ? null : lastProfile;
    }

    public UiSettings(ThemeChoice theme) {
        this(theme, null);
    }

    /** What a new user gets: the theme follows the desktop. */
    public static UiSettings defaults() {
        return new UiSettings(ThemeChoice.SYSTEM);
    }

    public UiSettings withTheme(ThemeChoice choice) {
        return new UiSettings(choice, lastProfile);
    }

    public UiSettings withLastProfile(String name) {
        return new UiSettings(theme, name);
    }

    public Optional<String> lastProfileName() {
        return Optional.ofNullable(lastProfile);
    }
}
