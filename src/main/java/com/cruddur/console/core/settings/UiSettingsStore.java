package com.cruddur.console.core.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The GUI's settings in {@code settings.json} of the config folder, a {@link VersionedJsonFile} as
 * {@code profiles.json} is (mode 0600, written atomically; a corrupt or newer-format file is kept aside and the
 * defaults are used, with a warning).
 */
public final class UiSettingsStore {
    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "settings.json";

    private final VersionedJsonFile<UiSettings> file;
    private volatile String warning;

    public UiSettingsStore(Path configDir) {
        this.file = new VersionedJsonFile<>(configDir.resolve(FILE_NAME), FORMAT_VERSION, new Format(),
                UiSettings.defaults(), "window settings", "the default settings are used");
    }

    public Path file() {
        return file.file();
    }

    /** Why the file could not be used at the last {@link #load()}, if it could not. */
    public Optional<String> loadWarning() {
        return Optional.ofNullable(warning);
    }

    /** Reads the settings; a missing file gives the defaults, an unusable one the defaults plus a warning. */
    public synchronized UiSettings load() {
        VersionedJsonFile.Loaded<UiSettings> loaded = file.load();
        warning = loaded.warning().orElse(null);
        return loaded.value();
    }

    /** Saves the theme choice, keeping whatever else the file holds (another console may have changed it). */
    public synchronized UiSettings saveTheme(ThemeChoice choice) throws IOException {
        return file.update(current -> current.withTheme(choice));
    }

    /** Remembers the profile in use, keeping whatever else the file holds. */
    public synchronized UiSettings saveLastProfile(String name) throws IOException {
        return file.update(current -> current.withLastProfile(name));
    }

    /**
     * settings.json: {@code {"version": 1, "theme": "light" | "dark" | "system", "lastProfile": NAME}}; a file without
     * lastProfile (written before it existed) reads as none remembered.
     */
    private static final class Format implements VersionedJsonFile.Format<UiSettings> {
        @Override
        public UiSettings read(JsonNode root) throws VersionedJsonFile.Unusable {
            String theme = VersionedJsonFile.text(root, "theme");
            String lastProfile = VersionedJsonFile.text(root, "lastProfile");
            if (theme == null) {
                return UiSettings.defaults().withLastProfile(lastProfile);
            }
            return new UiSettings(ThemeChoice.fromId(theme).orElseThrow(() -> VersionedJsonFile.Unusable.corrupt(
                    "has an unknown theme \"" + theme + "\" (light, dark or system)")), lastProfile);
        }

        @Override
        public void write(UiSettings s, ObjectNode root) {
            root.put("theme", s.theme().id());
            if (s.lastProfile() != null) {
                root.put("lastProfile", s.lastProfile());
            }
        }
    }
}
