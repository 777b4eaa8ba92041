package com.cruddur.console.cli;

import com.cruddur.console.testsupport.ChildCli;

import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.CliRunner.Result;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The WHERE attack and a hostile --order-by through the commands, on a saved prod (read-only) profile. */
class WhereEscapeCliTest {
    /** Exactly the text of the issue. */
    static final String ATTACK = "name'\\' IS NOT NULL) ; COMMIT ; BEGIN READ WRITE ; DELETE FROM public.victim ; COMMIT ; "
            + "PREPARE p AS SELECT * FROM public.victim WHERE (true /* ' */";

    static String db;

    @TempDir
    Path home;

    @BeforeAll
    static void database() throws SQLException {
        db = TestPostgres.freshDatabase("cli_where_escape");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE public.victim (id serial PRIMARY KEY, name text, handle text)");
            st.execute("INSERT INTO public.victim (name, handle) SELECT 'n' || g, 'h' || g FROM generate_series(1, 5) g");
        }
    }

    static String url() {
        return "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
    }

    static long rows() throws SQLException {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM public.victim")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    Result run(String... args) {
        return CliRunner.run(home, Map.of(), args);
    }

    private void addProdProfile() {
        Result added = run("profiles", "add", "prod", "--url", url(), "--env", "prod", "--password-source", "none");
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).contains("read-only");
    }

    private static void assertRefusedClearly(int code, String err) {
        assertThat(code).isIn(1, 2);
        assertThat(err).startsWith("cruddur-console: the WHERE text cannot be used");
        assertThat(err.lines().count()).isEqualTo(1);
        assertThat(err).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void browseExportAndJsonExportRefuseTheAttackOnAProdProfile() throws Exception {
        addProdProfile();
        Result browse = run("browse", "victim", "--profile", "prod", "--where", ATTACK);
        assertRefusedClearly(browse.code(), browse.err());
        assertThat(rows()).isEqualTo(5);

        for (String format : new String[] {"csv", "json"}) {
            Path out = home.resolve("victim." + format);
            Result export = run("export", "victim", "--profile", "prod", "--format", format, "--out", out.toString(),
                    "--where", ATTACK);
            assertRefusedClearly(export.code(), export.err());
            assertThat(out).doesNotExist();
        }
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
        assertThat(rows()).isEqualTo(5);
    }

    @Test
    void theAttackThroughARealProcessPrintsOneLineAndNoTrace() throws Exception {
        ChildCli.Done done = ChildCli.run(home, "browse", "victim", "--url", url(), "--where", ATTACK);
        assertRefusedClearly(done.code(), done.err());
        assertThat(rows()).isEqualTo(5);
    }

    @Test
    void aStatementInOrderByIsAUsageErrorWithoutAStackTrace() throws Exception {
        // in this JVM: the real process's output is the test above's
        CliRunner.Result done = CliRunner.run(home, Map.of(), "browse", "victim", "--url", url(), "--order-by",
                "handle; drop table victim");
        assertThat(done.code()).as(done.err()).isEqualTo(2);
        assertThat(done.err()).contains("--order-by").contains("handle; drop table victim")
                .doesNotContain("at com.").doesNotContain("Exception");
        CliRunner.Result export = CliRunner.run(home, Map.of(), "export", "victim", "--url", url(), "--format", "csv",
                "--out", home.resolve("x.csv").toString(), "--order-by", "handle; drop table victim");
        assertThat(export.code()).as(export.err()).isEqualTo(2);
        assertThat(export.err()).doesNotContain("at com.").doesNotContain("Exception");
        assertThat(rows()).isEqualTo(5);
    }
}
