package com.cruddur.console.cli;

import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.CliRunner.Result;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.core.schema.script.BundledSql;
import com.cruddur.console.core.schema.script.ScriptRunner;
import com.cruddur.console.core.sql.SqlScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cognito simulate-signup} as a developer runs it. */
class CognitoCliTest {
    @TempDir
    Path home;

    Result run(String... args) {
        return CliRunner.run(home, Map.of(), args);
    }

    static String url(String db) {
        return "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
    }

    @Test
    void simulateSignupInsertsOnceThenReportsAlreadyPresent() throws Exception {
        String db = TestPostgres.freshDatabase("cognito_cli");
        try (Connection c = TestPostgres.connect(db)) {
            new ScriptRunner(l -> { }).run(c, SqlScript.parse(BundledSql.schema().read(), "schema.sql"));
        }
        Result first = run("cognito", "simulate-signup", "--url", url(db), "--name", "Andrew Brown",
                "--email", "andrew@example.com", "--handle", "andrewbrown", "--sub", "sub-42");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).matches("inserted: [0-9a-f-]{36} \\(handle andrewbrown, cognito_user_id sub-42\\)\\R");
        assertThat(first.err()).contains("post-confirmation: connecting to localhost:");
        String uuid = first.out().substring("inserted: ".length(), "inserted: ".length() + 36);

        Result again = run("cognito", "simulate-signup", "--url", url(db), "--name", "Andrew Brown",
                "--email", "andrew@example.com", "--handle", "andrewbrown", "--sub", "sub-42");
        assertThat(again.code()).isZero();
        assertThat(again.out()).startsWith("already present: " + uuid);

        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM public.users")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void failuresExitOneWithAClearMessageAndMissingOptionsExitTwo() {
        String db = TestPostgres.freshDatabase("cognito_cli_empty");
        Result noTable = run("cognito", "simulate-signup", "--url", url(db), "--name", "A", "--email", "a@example.com");
        assertThat(noTable.code()).isEqualTo(1);
        assertThat(noTable.err()).contains("cruddur-console: could not save confirmed user ")
                .contains("the table does not exist — load the Cruddur schema");

        Result badEmail = run("cognito", "simulate-signup", "--url", url(db), "--name", "A", "--email", "nope");
        assertThat(badEmail.code()).isEqualTo(1);
        assertThat(badEmail.err()).contains("not an email address");

        Result usage = run("cognito", "simulate-signup", "--name", "A");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).contains("--email");
        assertThat(run("--help").out()).contains("cognito");
    }

    @Test
    void aRefusalOnAProdProfileIsAuditedAndWritesNothing() throws Exception {
        String db = TestPostgres.freshDatabase("cognito_cli_prod");
        try (Connection c = TestPostgres.connect(db)) {
            new ScriptRunner(l -> { }).run(c, SqlScript.parse(BundledSql.schema().read(), "schema.sql"));
        }
        Result added = run("profiles", "add", "prod", "--url", url(db), "--env", "prod", "--password-source", "none");
        assertThat(added.code()).as(added.err()).isZero();
        Result refused = run("cognito", "simulate-signup", "--profile", "prod", "--name", "A", "--email", "a@example.com");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).startsWith("cruddur-console: profile prod is protected");
        assertThat(Files.readString(home.resolve("state/cruddur-console/audit.log")))
                .contains("\tprod\tlocalhost\t" + db + "\tsimulate sign-up\trefused: profile prod is protected");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM public.users")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
