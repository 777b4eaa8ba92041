package com.cruddur.console.ui.common;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.settings.AppPaths;
import com.cruddur.console.core.settings.ThemeChoice;
import com.cruddur.console.core.settings.UiSettingsStore;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The profile in use comes back after a restart (it came back as local while another was shown). */
class ProfileMemoryTest {
    @TempDir
    Path home;

    /** A profile on the test server (activating one checks its server; the embedded one is not started here). */
    private static ConnectionProfile onTestServer(String name) {
        return ConnectionProfile.builder(name).host("localhost").port(TestPostgres.port()).database("postgres")
                .user("postgres").passwordSource(PasswordSource.NONE).sslMode(SslMode.DISABLE).build();
    }

    /** A start of the window: a new core over the same files, a session, the remembered profile opened. */
    private static String startAndOpen(Path home) {
        try (CoreServices core = GuiTestSupport.core(home)) {
            DirectTaskRunner tasks = new DirectTaskRunner();
            Session session = new Session(core, tasks);
            UiSettingsStore store = new UiSettingsStore(core.paths().configDir());
            ProfileMemory.follow(session, store, tasks);
            ProfileMemory.restore(session, store, tasks);
            return session.activeProfile().name();
        }
    }

    @Test
    void theProfileInUseIsOpenedAgainAtTheNextStartAndTheThemeIsKept() throws Exception {
        try (CoreServices core = GuiTestSupport.core(home)) {
            core.profiles().store().add(onTestServer("dev"));
            core.profiles().store().add(onTestServer("team"));
        }
        assertThat(startAndOpen(home)).as("nothing remembered yet: the default").isEqualTo("dev");
        try (CoreServices core = GuiTestSupport.core(home)) {
            DirectTaskRunner tasks = new DirectTaskRunner();
            Session session = new Session(core, tasks);
            UiSettingsStore store = new UiSettingsStore(core.paths().configDir());
            ProfileMemory.follow(session, store, tasks);
            session.activate(core.profiles().require("team"));
            store.saveTheme(ThemeChoice.DARK);
        }
        assertThat(startAndOpen(home)).isEqualTo("team");
        UiSettingsStore store = new UiSettingsStore(AppPaths.fromEnvironment(Map.of(), home).configDir());
        assertThat(store.load().theme()).as("one setting does not overwrite the other").isEqualTo(ThemeChoice.DARK);
        assertThat(Files.readString(store.file())).contains("\"lastProfile\"");

        try (CoreServices core = GuiTestSupport.core(home)) {
            core.profiles().store().remove("team");
        }
        assertThat(startAndOpen(home)).as("deleted since: the default again").isEqualTo("dev");
    }
}
