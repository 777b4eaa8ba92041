package com.cruddur.console.core.profile;

import java.util.Locale;

/** The kind of environment a profile points at; production is shown in red everywhere. */
public enum Environment {
    DEV("dev", "#2e7d32"),
    PROD("prod", "#c62828"),
    OTHER("other", "#5f6368");

    private final String id;
    private final String colour;

    Environment(String id, String colour) {
        this.id = id;
        this.colour = colour;
    }

    /** Lower-case name used in files, URIs and the CLI. */
    public String id() {
        return id;
    }

    /** Hex colour used for the environment's badge (the stylesheet has the same values by name). */
    public String colour() {
        return colour;
    }

    public static Environment parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "dev": case "development": case "local": return DEV;
            case "prod": case "production": return PROD;
            case "other": return OTHER;
            default:
                throw new IllegalArgumentException("unknown environment '" + text + "': use dev, prod or other");
        }
    }
}
