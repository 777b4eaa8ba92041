package com.cruddur.console.core.cognito;

import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.cruddur.console.core.cognito.CognitoFixtures.users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The console's simulation runs the real handler against a profile's database. */
class SignupSimulatorTest {
    @TempDir
    Path dir;

    private AuditLog audit() {
        return new AuditLog(dir.resolve("state/audit.log"));
    }

    @Test
    void insertsThenReportsAlreadyPresentWithTheSameUuidAndReturnsTheConnection() throws Exception {
        String db = CognitoFixtures.schemaDatabase("simulate");
        TestDatabases.Tracked target = TestDatabases.dev(db);
        List<String> log = new ArrayList<>();

        SignupOutcome first = SignupSimulator.simulate(target, audit(), "Andrew Bayko", "bayko@example.com", "bayko",
                Optional.of("sub-1"), log::add);
        SignupOutcome again = SignupSimulator.simulate(target, audit(), "Andrew Bayko", "bayko@example.com", "bayko",
                Optional.of("sub-1"));

        assertThat(first.inserted()).isTrue();
        assertThat(first.verb()).isEqualTo("inserted");
        assertThat(again.inserted()).isFalse();
        assertThat(again.verb()).isEqualTo("already present");
        assertThat(again.uuid()).isEqualTo(first.uuid());
        assertThat(users(db)).containsExactly("Andrew Bayko|bayko|bayko@example.com|sub-1");
        assertThat(log).anyMatch(l -> l.contains("connecting to localhost:" + TestPostgres.port() + "/" + db));
        assertThat(target.handedOut()).isNotEmpty().allMatch(c -> {
            try {
                return c.isClosed();
            } catch (SQLException e) {
                return false;
            }
        });
    }

    @Test
    void withoutSubOrHandleTheHandlersDefaultsApply() throws Exception {
        String db = CognitoFixtures.schemaDatabase("simulate");
        SignupOutcome a = SignupSimulator.simulate(TestDatabases.dev(db), audit(), "Ann", "ann.lee@example.com", null, Optional.empty());
        SignupOutcome b = SignupSimulator.simulate(TestDatabases.dev(db), audit(), "Ann", "ann.lee@example.com", " ", Optional.empty());

        assertThat(a.user().handle()).isEqualTo("ann.lee");
        assertThat(a.user().cognitoUserId()).matches("[0-9a-f-]{36}");
        assertThat(b.user().cognitoUserId()).isNotEqualTo(a.user().cognitoUserId());
        assertThat(users(db)).hasSize(2);
    }

    @Test
    void refusesProtectedProfilesAndRecordsTheRefusal() throws Exception {
        String db = CognitoFixtures.schemaDatabase("simulate");
        assertThatThrownBy(() -> SignupSimulator.simulate(TestDatabases.prod(db), audit(), "A", "a@example.com", "a",
                Optional.empty()))
                .isInstanceOf(SignupException.class)
                .hasMessageStartingWith("profile prod is protected");
        TestDatabases.Tracked readOnly = TestDatabases.of(TestDatabases.profile("ro", db, "postgres", Environment.DEV, true));
        assertThatThrownBy(() -> SignupSimulator.simulate(readOnly, audit(), "A", "a@example.com", "a", Optional.empty()))
                .isInstanceOf(SignupException.class);
        assertThat(users(db)).isEmpty();
        List<String> lines = Files.readAllLines(dir.resolve("state/audit.log"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).split("\t")).contains("prod", db, "simulate sign-up")
                .anyMatch(f -> f.startsWith("refused: profile prod is protected"));
        assertThat(lines.get(1)).contains("\tro\t").contains("\trefused: ");
        assertThat(readOnly.handedOut()).isEmpty();
    }

    @Test
    void anUnwritableAuditLogStillRefuses() throws Exception {
        String db = CognitoFixtures.schemaDatabase("simulate");
        Files.writeString(dir.resolve("state"), "a file where the folder should be");
        assertThatThrownBy(() -> SignupSimulator.simulate(TestDatabases.prod(db), audit(), "A", "a@example.com", "a",
                Optional.empty()))
                .isInstanceOf(SignupException.class)
                .hasMessageStartingWith("profile prod is protected").hasMessageContaining("could not be recorded");
        assertThat(users(db)).isEmpty();
    }
}
