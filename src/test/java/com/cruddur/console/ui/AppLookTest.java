package com.cruddur.console.ui;

import com.cruddur.console.core.settings.AppPaths;
import com.cruddur.console.core.settings.ThemeChoice;
import com.cruddur.console.ui.shell.MainWindow;
import javafx.geometry.Dimension2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How the window starts: the theme from settings.json (System: the desktop's), and a size that fits the screen. */
class AppLookTest {
    @TempDir
    Path home;

    private App.Look read() {
        Map<String, String> env = Map.of("HOME", home.toString());
        return App.Look.read(AppPaths.fromEnvironment(env, home), env);
    }

    @Test
    void aNewUserGetsSystemWhichFallsBackToLight() {
        App.Look look = read();
        assertThat(look.choice()).isEqualTo(ThemeChoice.SYSTEM);
        assertThat(look.dark()).isFalse();
        assertThat(look.warning()).isEmpty();
    }

    @Test
    void systemFollowsTheDesktopAndASavedChoiceWins() throws Exception {
        Path gtk = Files.createDirectories(home.resolve(".config/gtk-3.0"));
        Files.writeString(gtk.resolve("settings.ini"), "[Settings]\ngtk-application-prefer-dark-theme=1\n");
        assertThat(read().dark()).isTrue();

        Path settings = Files.createDirectories(home.resolve(".config/cruddur-console")).resolve("settings.json");
        Files.writeString(settings, "{\"version\": 1, \"theme\": \"light\"}");
        assertThat(read().dark()).isFalse();
        assertThat(read().desktopPrefersDark()).as("the desktop is not asked when the user chose").isEmpty();
    }

    @Test
    void anUnusableSettingsFileIsReportedAndTheDefaultUsed() throws Exception {
        Path settings = Files.createDirectories(home.resolve(".config/cruddur-console")).resolve("settings.json");
        Files.writeString(settings, "{\"version\": 1, \"theme\": \"neon\"}");
        App.Look look = read();
        assertThat(look.choice()).isEqualTo(ThemeChoice.SYSTEM);
        assertThat(look.warning()).hasValueSatisfying(w -> assertThat(w).contains("unknown theme \"neon\""));
    }

    @Test
    void aNewWindowTakesMostOfTheScreenButNeverLessThanTheMinimum() {
        assertThat(MainWindow.defaultSize(1920, 1050)).isEqualTo(new Dimension2D(1440, 892));
        assertThat(MainWindow.defaultSize(1280, 770)).isEqualTo(new Dimension2D(1088, 654));
        assertThat(MainWindow.defaultSize(1024, 740)).isEqualTo(new Dimension2D(1024, 640));
        assertThat(MainWindow.defaultSize(800, 600)).as("a screen smaller than the minimum").isEqualTo(new Dimension2D(800, 600));
        assertThat(MainWindow.defaultSize(3840, 2100)).isEqualTo(new Dimension2D(1440, 900));
    }
}
