package com.cruddur.console.core.settings;

import java.util.Locale;
import java.util.Optional;

/** The look chosen under View ▸ Theme: always light, always dark, or what the desktop prefers. */
public enum ThemeChoice {
    LIGHT, DARK, SYSTEM;

    /** The name in the settings file and in messages: {@code light}, {@code dark}, {@code system}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The choice named {@code id} (as {@link #id()} writes it), if there is one. */
    public static Optional<ThemeChoice> fromId(String id) {
        for (ThemeChoice c : values()) {
            if (c.id().equals(id)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether this choice means the dark theme, given what the desktop prefers ({@code empty} when that could not be
     * read, or was not asked): {@link #SYSTEM} follows the desktop and falls back to light.
     */
    public boolean isDark(Optional<Boolean> desktopPrefersDark) {
        return switch (this) {
            case LIGHT -> false;
            case DARK -> true;
            case SYSTEM -> desktopPrefersDark.orElse(false);
        };
    }
}
