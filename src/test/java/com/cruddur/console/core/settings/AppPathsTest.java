package com.cruddur.console.core.settings;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AppPathsTest {
    @Test
    void xdgVariablesWinAndRelativeOnesAreIgnored() {
        AppPaths p = AppPaths.fromEnvironment(Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "relative/data",
                "XDG_STATE_HOME", "/state", "XDG_CACHE_HOME", "/cache"), Path.of("/home/u"));
        assertThat(p.profilesFile()).isEqualTo(Path.of("/cfg/cruddur-console/profiles.json"));
        assertThat(p.embeddedDataDir()).isEqualTo(Path.of("/home/u/.local/share/cruddur-console/pgdata"));
        assertThat(p.auditLog()).isEqualTo(Path.of("/state/cruddur-console/audit.log"));
        assertThat(p.cacheDir()).isEqualTo(Path.of("/cache/cruddur-console"));
        assertThat(AppPaths.fromEnvironment(Map.of(), Path.of("/home/u")).cacheDir())
                .isEqualTo(Path.of("/home/u/.cache/cruddur-console"));
    }

    @Test
    void homeComesFromTheHomeVariableLikeEveryOtherXdgProgram() {
        assertThat(AppPaths.home(Map.of("HOME", "/tmp/someone"))).isEqualTo(Path.of("/tmp/someone"));
        assertThat(AppPaths.home(Map.of())).isEqualTo(Path.of(System.getProperty("user.home")));
    }
}
