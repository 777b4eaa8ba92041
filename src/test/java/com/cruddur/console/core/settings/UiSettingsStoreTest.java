package com.cruddur.console.core.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class UiSettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void aNewUserFollowsTheDesktop() {
        UiSettingsStore store = new UiSettingsStore(dir);
        assertThat(store.load()).isEqualTo(new UiSettings(ThemeChoice.SYSTEM));
        assertThat(store.loadWarning()).isEmpty();
        assertThat(store.file()).doesNotExist();
    }

    @Test
    void theChoiceIsSavedPrivatelyAsVersionedJsonAndReadBack() throws Exception {
        UiSettingsStore store = new UiSettingsStore(dir);
        store.saveTheme(ThemeChoice.DARK);
        assertThat(new UiSettingsStore(dir).load().theme()).isEqualTo(ThemeChoice.DARK);
        assertThat(Files.readString(store.file())).contains("\"version\" : 1").contains("\"theme\" : \"dark\"");
        assertThat(Files.getPosixFilePermissions(store.file()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        store.saveTheme(ThemeChoice.LIGHT);
        assertThat(new UiSettingsStore(dir).load().theme()).isEqualTo(ThemeChoice.LIGHT);
    }

    @Test
    void aFileWithoutAThemeMeansTheDefault() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"version\": 1}");
        UiSettingsStore store = new UiSettingsStore(dir);
        assertThat(store.load().theme()).isEqualTo(ThemeChoice.SYSTEM);
        assertThat(store.loadWarning()).isEmpty();
    }

    @Test
    void anUnknownThemeOrANewerFormatIsKeptAsideAndTheDefaultUsed() throws Exception {
        UiSettingsStore store = new UiSettingsStore(dir);
        Files.writeString(store.file(), "{\"version\": 1, \"theme\": \"solarized\"}");
        assertThat(store.load()).isEqualTo(UiSettings.defaults());
        assertThat(store.loadWarning()).hasValueSatisfying(w -> assertThat(w)
                .contains("unknown theme \"solarized\"").contains("kept as").contains("default settings are used"));
        assertThat(store.file()).doesNotExist();

        Files.writeString(store.file(), "{\"version\": 2, \"theme\": \"dark\"}");
        assertThat(store.load()).isEqualTo(UiSettings.defaults());
        assertThat(store.loadWarning()).hasValueSatisfying(w -> assertThat(w).contains("newer").contains("format 2"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("settings.json.corrupt-"))
                    .anyMatch(n -> n.startsWith("settings.json.v2-"));
        }
    }

    @Test
    void theChoiceNamesAreStable() {
        assertThat(ThemeChoice.fromId("light")).contains(ThemeChoice.LIGHT);
        assertThat(ThemeChoice.fromId("dark")).contains(ThemeChoice.DARK);
        assertThat(ThemeChoice.fromId("system")).contains(ThemeChoice.SYSTEM);
        assertThat(ThemeChoice.fromId("Dark")).isEmpty();
        assertThat(ThemeChoice.SYSTEM.isDark(java.util.Optional.empty())).as("System falls back to light").isFalse();
        assertThat(ThemeChoice.SYSTEM.isDark(java.util.Optional.of(true))).isTrue();
        assertThat(ThemeChoice.LIGHT.isDark(java.util.Optional.of(true))).isFalse();
    }
}
