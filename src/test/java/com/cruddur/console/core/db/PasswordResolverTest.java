package com.cruddur.console.core.db;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.PgPass;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A password typed at the prompt is kept for its login only, and forgotten when the server refuses it. */
class PasswordResolverTest {
    @TempDir
    Path dir;

    /** Answers the prompt from a script and records which login each question was for. */
    private final Deque<String> answers = new ArrayDeque<>();
    private final List<String> asked = new ArrayList<>();

    @BeforeAll
    static void role() {
        TestPostgres.passwordUser();
    }

    private PasswordResolver resolver() {
        return new PasswordResolver(new PgPass(dir.resolve(".pgpass")), Map.of(), p -> {
            asked.add(p.host() + ":" + p.port() + "/" + p.database() + " as " + p.user());
            return Optional.ofNullable(answers.poll());
        });
    }

    private static ConnectionProfile.Builder prompted() {
        return ConnectionProfile.builder("dev").host("localhost").port(TestPostgres.port()).database("postgres")
                .user(TestPostgres.PASSWORD_USER).passwordSource(PasswordSource.PROMPT).sslMode(SslMode.DISABLE);
    }

    @Test
    void anyChangeOfHostPortUserOrDatabaseAsksAgain() throws Exception {
        PasswordResolver passwords = resolver();
        ConnectionProfile p = prompted().build();
        answers.add("first");
        assertThat(passwords.resolve(p, p.host(), p.port(), p.database())).contains("first");
        assertThat(passwords.resolve(p, p.host(), p.port(), p.database())).as("kept for the same login").contains("first");
        assertThat(asked).hasSize(1);

        for (ConnectionProfile edited : List.of(p.toBuilder().host("db.example.com").build(),
                p.toBuilder().port(p.port() + 1).build(), p.toBuilder().user("someone").build(),
                p.toBuilder().database("other").build())) {
            answers.add("new");
            assertThat(passwords.resolve(edited, edited.host(), edited.port(), edited.database()))
                    .as("not sent to " + edited.describeTarget() + " as " + edited.user()).contains("new");
        }
        assertThat(asked).hasSize(5);
        ConnectionProfile renamedOnly = p.toBuilder().name("renamed").build();
        assertThat(passwords.resolve(renamedOnly, p.host(), p.port(), p.database())).contains("first");
        assertThat(asked).as("the same login under another name needs no new password").hasSize(5);
        ConnectionProfile upperCaseHost = p.toBuilder().host("LOCALHOST").build();
        assertThat(passwords.resolve(upperCaseHost, "LOCALHOST", p.port(), p.database())).contains("first");
    }

    @Test
    void aRefusedPasswordIsForgottenAndTheNextConnectAsksAgain() throws Exception {
        PasswordResolver passwords = resolver();
        ConnectionFactory factory = new ConnectionFactory(passwords,
                new EmbeddedDatabase(dir.resolve("unused"), dir.resolve("unused.log"), dir.resolve("unused-cache")));
        ConnectionProfile p = prompted().build();
        try (Database db = new Database(p, factory)) {
            answers.add("typo");
            assertThatThrownBy(db::connect).isInstanceOfSatisfying(DbProblem.class,
                    e -> assertThat(e.kind()).isEqualTo(DbProblem.Kind.AUTH_FAILED));
            answers.add(TestPostgres.PASSWORD_USER_PASSWORD);
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT current_user")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(TestPostgres.PASSWORD_USER);
            }
            assertThat(asked).as("asked again after the refusal").hasSize(2);
            try (Connection c = db.connectDirect("postgres")) {
                assertThat(c.isValid(30)).isTrue();
            }
            assertThat(asked).as("the right one is kept").hasSize(2);
        }
    }

    @Test
    void aPasswordKeptForOneHostIsNotSentToTheEditedHost() throws Exception {
        PasswordResolver passwords = resolver();
        ConnectionFactory factory = new ConnectionFactory(passwords,
                new EmbeddedDatabase(dir.resolve("unused"), dir.resolve("unused.log"), dir.resolve("unused-cache")));
        ConnectionProfile p = prompted().build();
        answers.add(TestPostgres.PASSWORD_USER_PASSWORD);
        try (Connection c = factory.open(p, p.database())) {
            assertThat(c.isValid(30)).isTrue();
        }
        // the same server under another name stands for "another host": the kept password must not go there
        ConnectionProfile moved = p.toBuilder().host("127.0.0.1").build();
        assertThatThrownBy(() -> factory.spec(moved, moved.database())).as("asked, and the user cancelled")
                .hasMessageContaining("no password entered");
        assertThat(asked).hasSize(2);
        assertThat(asked.get(1)).startsWith("127.0.0.1:");
    }
}
