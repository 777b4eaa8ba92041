package com.cruddur.console.core.cognito;

import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
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
        Target target = new Target(db, false);
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
        assertThat(target.opened).allMatch(c -> {
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
        SignupOutcome a = SignupSimulator.simulate(new Target(db, false), "Ann", "ann.lee@example.com", null, Optional.empty());
        SignupOutcome b = SignupSimulator.simulate(new Target(db, false), "Ann", "ann.lee@example.com", " ", Optional.empty());

        assertThat(a.user().handle()).isEqualTo("ann.lee");
        assertThat(a.user().cognitoUserId()).matches("[0-9a-f-]{36}");
        assertThat(b.user().cognitoUserId()).isNotEqualTo(a.user().cognitoUserId());
        assertThat(users(db)).hasSize(2);
    }

    @Test
    void refusesProtectedProfiles() throws Exception {
        String db = CognitoFixtures.schemaDatabase("simulate");
        assertThatThrownBy(() -> SignupSimulator.simulate(new Target(db, true), "A", "a@example.com", "a", Optional.empty()))
                .isInstanceOf(SignupException.class)
                .hasMessageStartingWith("profile prod is protected");
        assertThat(users(db)).isEmpty();
    }

    /** Plain connections to the shared server; records them so the test can see they were closed. */
    private static final class Target implements DbTarget {
        final String db;
        final boolean prod;
        final List<Connection> opened = new ArrayList<>();

        Target(String db, boolean prod) {
            this.db = db;
            this.prod = prod;
        }

        @Override
        public String profileName() {
            return prod ? "prod" : "dev";
        }

        @Override
        public String host() {
            return TestPostgres.host();
        }

        @Override
        public int port() {
            return TestPostgres.port();
        }

        @Override
        public String database() {
            return db;
        }

        @Override
        public String user() {
            return "postgres";
        }

        @Override
        public boolean isProtected() {
            return prod;
        }

        @Override
        public boolean isReadOnly() {
            return false;
        }

        @Override
        public Connection connect() throws SQLException {
            Connection c = TestPostgres.connect(db);
            opened.add(c);
            return c;
        }

        @Override
        public Connection connectDirect(String database) throws SQLException {
            return TestPostgres.connect(database);
        }

        @Override
        public void releasePool() {
        }
    }
}
