package com.cruddur.console.core.cognito;

import com.cruddur.console.core.cognito.CognitoFixtures.CountingSource;
import com.cruddur.console.core.cognito.CognitoFixtures.LogLines;
import com.cruddur.console.testsupport.ServerActivity;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static com.cruddur.console.core.cognito.CognitoFixtures.attrs;
import static com.cruddur.console.core.cognito.CognitoFixtures.TRIGGER;
import static com.cruddur.console.core.cognito.CognitoFixtures.attributes;
import static com.cruddur.console.core.cognito.CognitoFixtures.users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The trigger (what the Lambda handler runs for each event) against the real schema on the embedded PostgreSQL, fed
 * the documented event's user attributes. LambdaJarTest runs the built Lambda jar's handler on the event itself.
 */
class PostConfirmationTest {
    private static final String SUB = "3b5c8e1a-7f2d-4c1e-9a4b-2d6f0e8c1a77";

    String db;
    CountingSource source;
    PostConfirmation handler;
    LogLines context = new LogLines();

    @BeforeEach
    void setUp() {
        db = CognitoFixtures.schemaDatabase("cognito");
        source = new CountingSource(db);
        handler = new PostConfirmation(source);
    }

    @AfterEach
    void tearDown() {
        handler.close();
    }

    @Test
    void insertsTheConfirmedUserWithEachAttributeInItsColumn() throws Exception {
        SignupOutcome outcome = run(handler, attributes());

        assertThat(outcome.inserted()).isTrue();
        // The Python version put the email into handle and never wrote email at all.
        assertThat(users(db)).containsExactly("Andrew Brown|andrewbrown|andrew@example.com|" + SUB);
        assertThat(context.all()).contains("inserted: users.uuid ").contains("trigger PostConfirmation_ConfirmSignUp");
    }

    @Test
    void aRepeatedOrRetriedConfirmationInsertsOnceAndReportsTheSameUuid() throws Exception {
        SignupOutcome first = run(handler, attributes());
        SignupOutcome again = run(handler, attributes(attrs("name", "Changed Name")));
        try (PostConfirmation coldContainer = new PostConfirmation(new CountingSource(db))) {
            run(coldContainer, attributes());
        }

        assertThat(first.inserted()).isTrue();
        assertThat(again.inserted()).isFalse();
        assertThat(again.uuid()).isEqualTo(first.uuid());
        assertThat(users(db)).containsExactly("Andrew Brown|andrewbrown|andrew@example.com|" + SUB);
        assertThat(context.all()).contains("already present: users.uuid " + first.uuid());
    }

    @Test
    void missingPreferredUsernameFallsBackToTheEmailLocalPartAndSaysSo() throws Exception {
        run(handler, attributes(attrs("preferred_username", null)));

        assertThat(users(db)).containsExactly("Andrew Brown|andrew|andrew@example.com|" + SUB);
        assertThat(context.all()).contains("no preferred_username attribute: using the email's local part 'andrew'");
    }

    @Test
    void missingNameFallsBackToTheHandleAndSaysSo() throws Exception {
        run(handler, attributes(attrs("name", null)));

        assertThat(users(db)).containsExactly("andrewbrown|andrewbrown|andrew@example.com|" + SUB);
        assertThat(context.all()).contains("no name attribute: using the handle 'andrewbrown' as the display name");
    }

    @Test
    void missingSubOrEmailFailsTheInvocationWithoutWritingAnything() throws Exception {
        assertThatThrownBy(() -> run(handler, attributes(attrs("sub", null))))
                .isInstanceOf(SignupException.class)
                .hasMessageContaining("no 'sub' attribute, so no user row was written");
        assertThatThrownBy(() -> run(handler, attributes(attrs("email", "  "))))
                .isInstanceOf(SignupException.class)
                .hasMessageContaining("no 'email' attribute");
        assertThatThrownBy(() -> run(handler, attributes(attrs("email", "not-an-address"))))
                .isInstanceOf(SignupException.class)
                .hasMessageContaining("not an email address");
        assertThatThrownBy(() -> run(handler, null))
                .isInstanceOf(SignupException.class)
                .hasMessageContaining("no request.userAttributes");

        assertThat(users(db)).isEmpty();
        assertThat(source.opened).isEmpty();
        assertThat(context.all()).contains("FAILED: the sign-up has no 'sub' attribute");
    }

    @Test
    void sqlLookingValuesAreStoredAsData() throws Exception {
        String name = "Robert'); DROP TABLE public.users; --";
        String handle = "x\" OR 1=1; --";
        String email = "o'brien+$$;@example.com";
        run(handler, attributes(attrs("name", name, "preferred_username", handle, "email", email,
                "sub", "'; DELETE FROM public.users; --")));
        run(handler, attributes(attrs("sub", "second-sub")));

        assertThat(users(db)).containsExactly(name + "|" + handle + "|" + email + "|'; DELETE FROM public.users; --",
                "Andrew Brown|andrewbrown|andrew@example.com|second-sub");
    }

    @Test
    void warmInvocationsReuseOneConnection() throws Exception {
        run(handler, attributes(attrs("sub", "a")));
        run(handler, attributes(attrs("sub", "b")));
        run(handler, attributes(attrs("sub", "a")));

        assertThat(source.opened).hasSize(1);
        assertThat(users(db)).hasSize(2);
    }

    @Test
    void aConnectionThatDiedBetweenInvocationsIsReopened() throws Exception {
        run(handler, attributes(attrs("sub", "a")));
        int pid = source.opened.get(0).unwrap(org.postgresql.PGConnection.class).getBackendPID();
        try (Connection admin = TestPostgres.connect(db);
             PreparedStatement ps = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
            ps.setInt(1, pid);
            ps.execute();
        }
        ServerActivity.awaitGone(pid); // the socket is closed by then: the handler must notice and reopen

        run(handler, attributes(attrs("sub", "b")));

        assertThat(source.opened).hasSize(2);
        assertThat(source.opened.get(0).isClosed()).isTrue();
        assertThat(users(db)).hasSize(2);
        assertThat(context.all()).contains("the kept connection was lost");
    }

    @Test
    void databaseDownFailsTheInvocationClearlyWithoutPasswordAndRecoversLater() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        PostConfirmation down = new PostConfirmation(Map.of("CONNECTION_URL",
                "postgresql://postgres:Sup3r%23Secret@localhost:" + closedPort + "/cruddur"));

        // The Python version printed the error, returned the event (Cognito saw success), or hit NameError in finally.
        assertThatThrownBy(() -> run(down, attributes()))
                .isInstanceOf(SignupException.class)
                .hasMessageStartingWith("cannot connect to the Cruddur database: connection refused")
                .hasMessageNotContaining("Sup3r")
                .satisfies(e -> assertThat(e.getCause()).isInstanceOf(SQLException.class));
        assertThatThrownBy(() -> run(down, attributes())).isInstanceOf(SignupException.class);
        down.close();
        assertThat(context.all()).contains("connecting to localhost:" + closedPort + "/cruddur as postgres (sslmode prefer")
                .doesNotContain("Sup3r").doesNotContain("Secret");

        // Same handler instance: a database that comes back is used on the next invocation.
        FlakySource flaky = new FlakySource(db);
        PostConfirmation recovering = new PostConfirmation(flaky);
        assertThatThrownBy(() -> run(recovering, attributes())).isInstanceOf(SignupException.class);
        run(recovering, attributes());
        recovering.close();
        assertThat(users(db)).hasSize(1);
    }

    @Test
    void schemaProblemsAreExplained() throws Exception {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE public.users DROP CONSTRAINT users_cognito_user_id_key");
        }
        assertThatThrownBy(() -> run(handler, attributes()))
                .hasMessageContaining("cognito_user_id has no unique constraint")
                .hasMessageContaining("ADD CONSTRAINT users_cognito_user_id_key UNIQUE (cognito_user_id)");

        String empty = TestPostgres.freshDatabase("cognito_empty");
        try (PostConfirmation h = new PostConfirmation(new CountingSource(empty))) {
            assertThatThrownBy(() -> run(h, attributes()))
                    .hasMessage("could not save confirmed user " + SUB + " in public.users: the table does not exist — "
                            + "load the Cruddur schema into this database first");
        }
    }

    @Test
    void pgVariablesConnect() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PG_HOSTNAME", "localhost");
        env.put("PG_PORT", Integer.toString(TestPostgres.port()));
        env.put("PG_DATABASE", db);
        env.put("PG_USERNAME", "postgres");
        env.put("PG_PASSWORD", "not-checked-by-trust-auth");
        env.put("PG_SSLMODE", "disable");
        try (PostConfirmation h = new PostConfirmation(env)) {
            run(h, attributes());
        }
        assertThat(users(db)).hasSize(1);
        assertThat(context.all()).contains("from PG_* variables").doesNotContain("not-checked-by-trust-auth");
    }

    @Test
    void connectionUrlConnects() throws Exception {
        String url = "postgresql://postgres:p%40ss%2Fw0rd@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
        try (PostConfirmation h = new PostConfirmation(Map.of("CONNECTION_URL", url))) {
            run(h, attributes());
        }
        assertThat(users(db)).hasSize(1);
        assertThat(context.all()).contains("from CONNECTION_URL").doesNotContain("p@ss").doesNotContain("p%40ss");
    }

    @Test
    void missingSettingsFailTheInvocationNamingTheVariables() {
        try (PostConfirmation h = new PostConfirmation(Map.of("PG_HOSTNAME", "db.example.com",
                "PG_SECRET", "x"))) {
            assertThatThrownBy(() -> run(h, attributes()))
                    .isInstanceOf(SignupException.class)
                    .hasMessageContaining("set CONNECTION_URL")
                    .hasMessageContaining("not set: PG_DATABASE, PG_USERNAME, PG_PASSWORD")
                    .hasMessageContaining("PG_SECRET is set, but the password variable is PG_PASSWORD");
        }
    }

    private SignupOutcome run(PostConfirmation trigger, Map<String, String> userAttributes) {
        return trigger.process(TRIGGER, userAttributes, context.sink());
    }

    /** Refuses the first open (database still starting), then connects. */
    private static final class FlakySource extends CountingSource {
        private boolean refused;

        FlakySource(String db) {
            super(db);
        }

        @Override
        public Connection open() throws SQLException {
            if (!refused) {
                refused = true;
                throw new SQLException("Connection to localhost refused", "08001", new java.net.ConnectException("refused"));
            }
            return super.open();
        }
    }
}
