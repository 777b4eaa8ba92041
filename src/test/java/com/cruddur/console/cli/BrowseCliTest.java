package com.cruddur.console.cli;

import com.cruddur.console.core.schema.script.BundledSql;
import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static com.cruddur.console.testsupport.TestPostgres.value;
import static org.assertj.core.api.Assertions.assertThat;

/** browse, export and db generate as scripts use them: formats, --where as data vs code, exit codes. */
class BrowseCliTest {
    static String db;

    @TempDir
    Path home;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void database() throws SQLException {
        db = TestPostgres.freshDatabase("cli_browse");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute(BundledSql.schema().read());
            st.execute(BundledSql.seed().read());
            st.execute("CREATE TABLE notes (body text, n int)");
            st.execute("CREATE FUNCTION wipe() RETURNS boolean LANGUAGE sql AS 'DELETE FROM activities RETURNING true'");
            st.execute("INSERT INTO notes VALUES ('a,b', 1), ('', 2), (NULL, 3)");
        }
    }

    Result run(String... args) {
        CliRunner.Result r = CliRunner.run(CliRunner.environment(home), args);
        return new Result(r.code(), r.out(), r.err());
    }

    static String url() {
        return "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
    }

    @Test
    void browseAsTableJsonAndCsv() throws Exception {
        Result table = run("browse", "users", "--url", url(), "--order-by", "handle", "--format", "table");
        assertThat(table.code()).as(table.err()).isZero();
        String[] lines = table.out().split("\n");
        assertThat(lines[0]).startsWith("uuid").contains("handle");
        assertThat(lines[2]).contains("andrewbrown");
        assertThat(lines[3]).contains("bayko");
        assertThat(table.out()).contains("(2 rows)");

        Result json = run("browse", "users", "--url", url(), "--order-by", "handle desc", "--format", "json");
        assertThat(json.code()).isZero();
        assertThat(json.out().trim()).isEqualTo(value(db,
                "SELECT array_to_json(array_agg(row_to_json(t))) FROM (SELECT * FROM users ORDER BY handle DESC, uuid DESC) t"));

        Result csv = run("browse", "notes", "--url", url(), "--format", "csv", "--limit", "2");
        assertThat(csv.code()).isZero();
        assertThat(csv.out()).isEqualTo("body,n\r\n\"a,b\",1\r\n\"\",2\r\n");
        Result more = run("browse", "notes", "--url", url(), "--limit", "2");
        assertThat(more.out()).contains("(2 rows; more rows follow");
    }

    @Test
    void whereIsDataInTheQuickCaseAndAWritingWhereIsRefused() throws Exception {
        Result ok = run("browse", "users", "--url", url(), "--where", "handle = 'bayko'", "--format", "json");
        assertThat(ok.code()).isZero();
        JsonNode rows = new ObjectMapper().readTree(ok.out());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("email").asText()).isEqualTo("bayko@example.com");

        // SQL inside a value is just a string that matches nothing
        Result data = run("browse", "users", "--url", url(), "--where", "handle = '''; DELETE FROM users; --'");
        assertThat(data.code()).isZero();
        assertThat(data.out()).contains("(0 rows)");
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(2);

        Result write = run("browse", "users", "--url", url(), "--where",
                "(SELECT count(*) FROM (DELETE FROM activities RETURNING 1) d) >= 0");
        assertThat(write.code()).isEqualTo(1);
        assertThat(write.err()).startsWith("cruddur-console: ");
        Result write2 = run("browse", "users", "--url", url(), "--where", "wipe() IS NOT NULL");
        assertThat(write2.code()).isEqualTo(1);
        assertThat(write2.err()).contains("refused").contains("read-only transaction");
        Result sneaky = run("browse", "users", "--url", url(), "--where", "true; DELETE FROM activities");
        assertThat(sneaky.code()).isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM activities")).isEqualTo(3);
    }

    @Test
    void exitCodesForBadInput() {
        Result noTable = run("browse", "no_such_table", "--url", url());
        assertThat(noTable.code()).isEqualTo(1);
        assertThat(noTable.err()).contains("no table or view public.no_such_table");
        Result badFormat = run("browse", "users", "--url", url(), "--format", "xml");
        assertThat(badFormat.code()).isEqualTo(2);
        Result badLimit = run("browse", "users", "--url", url(), "--limit", "0");
        assertThat(badLimit.code()).isEqualTo(2);
        Result badOrder = run("browse", "users", "--url", url(), "--order-by", "handle sideways");
        assertThat(badOrder.code()).isEqualTo(2);
        Result badColumn = run("browse", "users", "--url", url(), "--order-by", "nope");
        assertThat(badColumn.code()).isEqualTo(2); // a usage error, as README says
        assertThat(badColumn.err()).contains("no column \"nope\"");
        assertThat(run("export", "users", "--url", url(), "--format", "xml", "--out", "x").code()).isEqualTo(2);
        assertThat(run("export", "users", "--url", url(), "--format", "csv").code()).isEqualTo(2);
    }

    @Test
    void exportCsvAndJsonToFiles() throws Exception {
        Path csv = home.resolve("users.csv");
        Result r = run("export", "users", "--url", url(), "--format", "csv", "--out", csv.toString(), "--order-by", "handle");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("exported 2 rows of public.users to " + csv);
        String text = Files.readString(csv);
        assertThat(text.split("\r?\n")).hasSize(3);
        assertThat(text).startsWith("uuid,display_name,handle,email,cognito_user_id,created_at,updated_at");
        assertThat(text.indexOf("andrewbrown")).isLessThan(text.indexOf("bayko"));

        Path json = home.resolve("acts.json");
        Result j = run("export", "activities", "--url", url(), "--format", "json", "--out", json.toString(),
                "--where", "message ILIKE '%seed%'");
        assertThat(j.code()).as(j.err()).isZero();
        JsonNode arr = new ObjectMapper().readTree(json.toFile());
        assertThat(arr).hasSize(2);

        Path missing = home.resolve("no/such/dir/x.csv");
        Result bad = run("export", "users", "--url", url(), "--format", "csv", "--out", missing.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("does not exist");
    }

    @Test
    void generateAddsUsersAndActivitiesAndRefusesBadCounts() throws Exception {
        String gen = TestPostgres.freshDatabase("cli_gen");
        try (Connection c = TestPostgres.connect(gen); Statement st = c.createStatement()) {
            st.execute(BundledSql.schema().read());
        }
        String u = "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + gen + "?sslmode=disable";
        Result r = run("db", "generate", "--url", u, "--users", "50", "--activities", "500", "--seed", "7");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("generated 50 users and 500 activities in " + gen);
        try (Connection c = TestPostgres.connect(gen); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM activities), "
                     + "(SELECT count(DISTINCT user_uuid) FROM activities)")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(50);
            assertThat(rs.getLong(2)).isEqualTo(500);
            assertThat(rs.getLong(3)).isGreaterThan(1);
        }
        assertThat(run("db", "generate", "--url", u).code()).isEqualTo(2);
        assertThat(run("db", "generate", "--url", u, "--users", "-1").code()).isEqualTo(2);
    }

    @Test
    void generateOnAProdProfileIsRefusedByTheCoreAndAudited() throws Exception {
        String gen = TestPostgres.freshDatabase("cli_gen_prod");
        try (Connection c = TestPostgres.connect(gen); Statement st = c.createStatement()) {
            st.execute(BundledSql.schema().read());
        }
        String u = "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + gen + "?sslmode=disable";
        Result added = run("profiles", "add", "prod", "--url", u, "--env", "prod", "--password-source", "none");
        assertThat(added.code()).as(added.err()).isZero();
        Result r = run("db", "generate", "--profile", "prod", "--users", "5");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("cruddur-console: refused: profile prod is production or read-only");
        assertThat(Files.readString(home.resolve("state/cruddur-console/audit.log")))
                .contains("\tprod\tlocalhost\t" + gen + "\tgenerate data\trefused: profile prod is production or read-only");
        try (Connection c = TestPostgres.connect(gen); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM users")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }
}
