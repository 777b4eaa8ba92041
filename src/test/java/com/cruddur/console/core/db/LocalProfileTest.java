package com.cruddur.console.core.db;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ProfileService;
import com.cruddur.console.core.settings.AppPaths;
import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.CliRunner.Result;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.LocalTemplate;
import com.cruddur.console.testsupport.SharedCache;
import com.cruddur.console.ui.common.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in {@code local} profile on the password-protected embedded server, from the CLI and the GUI's session. */
class LocalProfileTest {
    /** The build's one unpacked binaries tree ($XDG_CACHE_HOME): unpacking is PgBinariesTest's subject. */
    private static final Path cache = SharedCache.dir();
    @TempDir
    Path home;

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = CliRunner.environment(home);
        env.put("XDG_CACHE_HOME", cache.toString());
        env.putAll(extra);
        return env;
    }

    /** A home whose server's folder exists (the first start is EmbeddedDatabaseTest's and EmbeddedSharingTest's). */
    @BeforeEach
    void seed() {
        LocalTemplate.seedHome(home);
    }

    private Result run(Map<String, String> extra, String... args) {
        return CliRunner.run(env(extra), args);
    }

    private Path passwordFile() {
        return AppPaths.fromEnvironment(env(Map.of()), home).embeddedDataDir().resolveSibling("pgdata.password");
    }

    @Test
    void profilesTestDbSetupAndBrowseWorkOnLocal() {
        Result test = run(Map.of(), "profiles", "test", "local");
        assertThat(test.code()).as(test.err()).isZero();
        assertThat(test.out()).contains("PostgreSQL 16");

        Result setup = run(Map.of(), "db", "setup", "--profile", "local");
        assertThat(setup.code()).as(setup.err()).isZero();

        Result browse = run(Map.of(), "browse", "users", "--profile", "local", "--format", "csv");
        assertThat(browse.code()).as(browse.err()).isZero();
        assertThat(browse.out().lines().count()).as("the seeded users").isGreaterThan(1);
    }

    @Test
    void dbConnectHandsPsqlTheGeneratedPasswordThroughItsEnvironmentOnly() throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path record = home.resolve("psql-saw.txt");
        Path fake = bin.resolve("psql");
        // A stand-in psql that records its arguments and PG* environment, then exits 3.
        Files.writeString(fake, "#!/bin/sh\necho \"ARGS:$*\" > '" + record + "'\nenv | grep '^PG' | sort >> '" + record
                + "'\nexit 3\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));

        Result r = run(Map.of("PATH", bin.toString()), "db", "connect", "--profile", "local");
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        String password = Files.readString(passwordFile(), StandardCharsets.UTF_8).trim();
        String saw = Files.readString(record);
        assertThat(saw).contains("ARGS:\n").contains("PGPASSWORD=" + password).contains("PGHOST=localhost")
                .contains("PGDATABASE=cruddur").contains("PGUSER=postgres");
        assertThat(r.out() + r.err()).doesNotContain(password);
    }

    @Test
    void theGuiSessionConnectsToLocal() {
        Map<String, String> env = new HashMap<>(env(Map.of()));
        try (CoreServices core = CoreServices.create(AppPaths.fromEnvironment(env, home), env, p -> Optional.empty())) {
            Session session = new Session(core, new DirectTaskRunner());
            session.activate(ProfileService.localProfile());
            assertThat(session.serverStatusProperty().get()).startsWith("PostgreSQL 16");
        }
    }
}
