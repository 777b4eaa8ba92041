package com.cruddur.console.core.cognito;

import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.cruddur.console.core.cognito.CognitoFixtures.users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The console's simulation runs the real handler against a profile's database. */
class SignupSimulatorTest {
    @Test
    void insertsThenReportsAlreadyPresentWithTheSameUuidAndReturnsTheConnection() throws Exception {
        String db = CognitoFixtures.schemaDatabase("simulate");
        TestDatabases.Tracked target = TestDatabases.dev(db);
        List<String> log = new ArrayList<>();

        SignupOutcome first = SignupSimulator.simulate(target, "Andrew Bayko", "bayko@example.com", "bayko",
                Optional.of("sub-1"), log::add);
        SignupOutcome again = SignupSimulator.simulate(target, "Andrew Bayko", "bayko@example.com", "bayko",
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
        SignupOutcome a = SignupSimulator.simulate(TestDatabases.dev(db), "Ann", "ann.lee@example.com", null, Optional.empty());
        SignupOutcome b = SignupSimulator.simulate(TestDatabases.dev(db), "Ann", "ann.lee@example.com", " ", Optional.empty());

        assertThat(a.user().handle()).isEqualTo("ann.lee");
        assertThat(a.user().cognitoUserId()).matches("[0-9a-f-]{36}");
        assertThat(b.user().cognitoUserId()).isNotEqualTo(a.user().cognitoUserId());
        assertThat(users(db)).hasSize(2);
    }

    @Test
    void refusesProtectedProfiles() throws Exception {
        String db = CognitoFixtures.schemaDatabase("simulate");
        assertThatThrownBy(() -> SignupSimulator.simulate(TestDatabases.prod(db), "A", "a@example.com", "a", Optional.empty()))
                .isInstanceOf(SignupException.class)
                .hasMessageStartingWith("profile prod is protected");
        assertThat(users(db)).isEmpty();
    }

}
