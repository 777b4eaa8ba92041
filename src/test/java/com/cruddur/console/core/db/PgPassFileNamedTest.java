package com.cruddur.console.core.db;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.PgPass;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A refused or missing pgpass password names the file that was read: $PGPASSFILE when it is set, not ~/.pgpass. */
class PgPassFileNamedTest {
    @TempDir
    Path home;

    private ConnectionTester testerWith(Map<String, String> env) {
        PasswordResolver passwords = new PasswordResolver(PgPass.forEnvironment(env, home), env, p -> Optional.empty());
        return new ConnectionTester(new ConnectionFactory(passwords, new EmbeddedDatabase(home.resolve("unused"),
                home.resolve("unused.log"), home.resolve("unused-cache"))));
    }

    private static ConnectionProfile profile() {
        return ConnectionProfile.builder("team").host("localhost").port(TestPostgres.port()).database("postgres")
                .user(TestPostgres.passwordUser()).passwordSource(PasswordSource.PGPASS).sslMode(SslMode.DISABLE)
                .connectTimeoutSeconds(5).build();
    }

    @Test
    void aWrongPasswordNamesThePgpassFileInEffect() throws Exception {
        Path custom = home.resolve("secrets dir/team.pgpass");
        java.nio.file.Files.createDirectories(custom.getParent());
        new PgPass(custom).store("localhost", TestPostgres.port(), "postgres", TestPostgres.PASSWORD_USER, "wrong-one");
        ConnectionTester tester = testerWith(Map.of("PGPASSFILE", custom.toString(), "HOME", home.toString()));
        assertThatThrownBy(() -> tester.test(profile())).isInstanceOfSatisfying(DbProblem.class, e -> {
            assertThat(e.kind()).isEqualTo(DbProblem.Kind.AUTH_FAILED);
            assertThat(e.getMessage()).contains("password authentication failed for user " + TestPostgres.PASSWORD_USER)
                    .contains(custom.toString()).doesNotContain("~/.pgpass").doesNotContain("wrong-one");
        });
    }

    @Test
    void aMissingPasswordNamesThePgpassFileInEffect() {
        Path custom = home.resolve("empty.pgpass");
        ConnectionTester tester = testerWith(Map.of("PGPASSFILE", custom.toString(), "HOME", home.toString()));
        assertThatThrownBy(() -> tester.test(profile())).isInstanceOfSatisfying(DbProblem.class, e -> {
            assertThat(e.kind()).isEqualTo(DbProblem.Kind.PASSWORD_MISSING);
            assertThat(e.getMessage()).contains(custom.toString()).doesNotContain("~/.pgpass");
        });
    }

    @Test
    void withoutPgpassfileTheHomeFileIsNamed() throws Exception {
        new PgPass(home.resolve(".pgpass")).store("localhost", TestPostgres.port(), "postgres",
                TestPostgres.PASSWORD_USER, "wrong-too");
        ConnectionTester tester = testerWith(Map.of("HOME", home.toString()));
        assertThatThrownBy(() -> tester.test(profile())).isInstanceOfSatisfying(DbProblem.class,
                e -> assertThat(e.getMessage()).contains(home.resolve(".pgpass").toString()));
    }
}
