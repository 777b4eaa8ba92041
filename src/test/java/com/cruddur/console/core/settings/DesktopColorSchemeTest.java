package com.cruddur.console.core.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The desktop's dark preference, read from real files and a real (fake) gsettings program on a PATH of the test's. */
class DesktopColorSchemeTest {
    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();

    private Optional<Boolean> ask() {
        return ask(DesktopColorScheme.GSETTINGS_TIMEOUT);
    }

    private Optional<Boolean> ask(Duration timeout) {
        env.put("HOME", home.toString());
        return new DesktopColorScheme(env, home, timeout).prefersDark();
    }

    private void gtkSettings(String version, String body) throws Exception {
        Path dir = home.resolve(".config").resolve(version);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("settings.ini"), body);
    }

    /** A gsettings on PATH that prints {@code answer} after {@code sleep} and records that it ran. */
    private Path fakeGsettings(String answer, int sleepSeconds) throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path ran = home.resolve("gsettings-ran");
        Path script = bin.resolve("gsettings");
        Files.writeString(script, "#!/bin/sh\necho \"$@\" > '" + ran + "'\n"
                + (sleepSeconds > 0 ? "sleep " + sleepSeconds + "\n" : "") + "echo \"" + answer + "\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        env.put("PATH", bin + ":/usr/bin:/bin");
        return ran;
    }

    @Test
    void nothingToReadMeansNoPreference() {
        env.put("PATH", home.resolve("nowhere").toString());
        assertThat(ask()).isEmpty();
    }

    @Test
    void gtkSettingsFilesSayWhetherToPreferDark() throws Exception {
        gtkSettings("gtk-3.0", "[Settings]\ngtk-application-prefer-dark-theme=1\n");
        assertThat(ask()).contains(true);
        gtkSettings("gtk-3.0", "[Settings]\ngtk-application-prefer-dark-theme = false\n");
        assertThat(ask()).contains(false);
        gtkSettings("gtk-3.0", "[Settings]\ngtk-theme-name=Adwaita-dark\n");
        assertThat(ask()).as("a dark theme name").contains(true);
        gtkSettings("gtk-3.0", "[Other]\ngtk-application-prefer-dark-theme=1\n");
        assertThat(ask()).as("outside [Settings]").isEmpty();
        gtkSettings("gtk-3.0", "[Settings]\ngtk-application-prefer-dark-theme=1\n");
        gtkSettings("gtk-4.0", "[Settings]\ngtk-application-prefer-dark-theme=0\n");
        assertThat(ask()).as("GTK 4's file is read first").contains(false);
    }

    @Test
    void xdgConfigHomeIsWhereGtkSettingsAre() throws Exception {
        Path config = Files.createDirectories(home.resolve("elsewhere/gtk-3.0"));
        Files.writeString(config.resolve("settings.ini"), "[Settings]\ngtk-application-prefer-dark-theme=true\n");
        env.put("XDG_CONFIG_HOME", home.resolve("elsewhere").toString());
        assertThat(ask()).contains(true);
    }

    @Test
    void theGtkThemeVariableWinsOverEverything() throws Exception {
        gtkSettings("gtk-3.0", "[Settings]\ngtk-application-prefer-dark-theme=0\n");
        env.put("GTK_THEME", "Adwaita:dark");
        assertThat(ask()).contains(true);
        env.put("GTK_THEME", "Adwaita");
        assertThat(ask()).contains(false);
    }

    @Test
    void gnomesColorSchemeIsAskedThroughGsettingsWhenThereIsABus() throws Exception {
        Path ran = fakeGsettings("'prefer-dark'", 0);
        env.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + home.resolve("bus"));
        assertThat(ask()).contains(true);
        assertThat(Files.readString(ran)).contains("get org.gnome.desktop.interface color-scheme");

        fakeGsettings("'prefer-light'", 0);
        gtkSettings("gtk-3.0", "[Settings]\ngtk-application-prefer-dark-theme=1\n");
        assertThat(ask()).as("GNOME's setting comes before GTK's file").contains(false);

        fakeGsettings("'default'", 0);
        assertThat(ask()).as("'default' says nothing: GTK's file decides").contains(true);
    }

    @Test
    void theUsersDconfDatabaseIsEnoughWithoutABus() throws Exception {
        Path ran = fakeGsettings("'prefer-dark'", 0);
        Files.createDirectories(home.resolve(".config/dconf"));
        Files.writeString(home.resolve(".config/dconf/user"), "binary");
        assertThat(ask()).contains(true);
        assertThat(ran).exists();
    }

    @Test
    void withNoBusAndNoDconfDatabaseGsettingsIsNotEvenStarted() throws Exception {
        Path ran = fakeGsettings("'prefer-dark'", 0);
        env.put("XDG_RUNTIME_DIR", home.resolve("run").toString()); // no bus socket in it
        assertThat(ask()).isEmpty();
        assertThat(ran).doesNotExist();
    }

    @Test
    void aGsettingsThatDoesNotAnswerIsNotWaitedFor() throws Exception {
        fakeGsettings("'prefer-dark'", 30);
        env.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + home.resolve("bus"));
        gtkSettings("gtk-3.0", "[Settings]\ngtk-application-prefer-dark-theme=0\n");
        long start = System.nanoTime();
        Optional<Boolean> answer = ask(Duration.ofMillis(300));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(answer).as("GTK's file answers instead").contains(false);
        assertThat(ms).as("a 30 s gsettings is given up on after its timeout").isLessThan(15_000);
    }
}
