package com.cruddur.console.core.browse;

import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.sql.ExpertWhereTest;
import com.cruddur.console.core.sql.OneStatement;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A WHERE expression can never become more than one statement nor leave a lasting change in the session, on every path
 * that takes a {@link Filter}: pages, the exact count, CSV export (COPY, simple protocol) and JSON export. The target is
 * a production, read-only profile, as in the issue.
 */
class WhereEscapeTest {
    private static final int ROWS = 6;
    private static String db;
    private static TestDatabases.Tracked prod;
    private static TableInfo victim;
    private final BrowseService service = new BrowseService();

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws SQLException {
        db = TestPostgres.freshDatabase("where_escape");
        createVictim(db);
        prod = TestDatabases.of(TestDatabases.profile("prod", db, "postgres", Environment.PROD, true));
        victim = new BrowseService().describe(prod, new TableRef("public", "victim"));
    }

    @AfterAll
    static void tearDown() {
        prod.close();
    }

    static void createVictim(String database) throws SQLException {
        try (Connection c = TestPostgres.connect(database); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE public.victim (id serial PRIMARY KEY, name text)");
            st.execute("INSERT INTO public.victim (name) VALUES ('bay;ko'), ('o''k'), ('back\\slash'), ('alpha'), "
                    + "('a_b'), (NULL)");
        }
    }

    static long rows(String database) throws SQLException {
        return TestPostgres.count(database, "SELECT count(*) FROM public.victim");
    }

    private Page page(String where) {
        return service.fetch(prod, PageRequest.first(victim).withFilter(Filter.none().withExpertWhere(where)), null);
    }

    private List<String> names(String where) {
        return page(where).rows().stream().map(r -> (String) r[victim.indexOf("name")]).toList();
    }

    @Test
    void theIssuesAttackIsRefusedOnEveryPathAndEveryRowStays() throws Exception {
        Filter attack = Filter.none().withExpertWhere(ExpertWhereTest.ATTACK);
        assertThatThrownBy(() -> service.fetch(prod, PageRequest.first(victim).withFilter(attack), null))
                .isInstanceOf(BrowseException.class).hasMessageStartingWith("the WHERE text cannot be used");
        assertThatThrownBy(() -> service.exactCount(prod, victim, attack, null))
                .isInstanceOf(BrowseException.class).hasMessageStartingWith("the WHERE text cannot be used");
        for (Exporter.Format format : Exporter.Format.values()) {
            Path out = dir.resolve("victim." + format);
            assertThatThrownBy(() -> service.export(prod, victim, attack, List.of(), format, out, n -> { }, null))
                    .isInstanceOf(BrowseException.class).hasMessageStartingWith("the WHERE text cannot be used");
            assertThat(out).doesNotExist();
        }
        assertThat(rows(db)).isEqualTo(ROWS);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    /**
     * On a server that reads backslashes in '…' as escapes, the same text splits differently: our lexer (which follows
     * the default) lets it through, and only the driver's own splitter, asked for both settings, stops it.
     */
    @Test
    void theDriverCheckHoldsWhenTheServerReadsBackslashesAsEscapes() throws Exception {
        String old = TestPostgres.freshDatabase("where_escape_nonstandard");
        try (Connection c = TestPostgres.connect(old); Statement st = c.createStatement()) {
            st.execute("ALTER DATABASE " + old + " SET standard_conforming_strings = off");
            st.execute("ALTER DATABASE " + old + " SET escape_string_warning = off");
        }
        createVictim(old);
        try (TestDatabases.Tracked target = TestDatabases.of(TestDatabases.profile("prod", old, "postgres",
                Environment.PROD, true))) {
            TableInfo t = service.describe(target, new TableRef("public", "victim"));
            Filter attack = Filter.none().withExpertWhere(ExpertWhereTest.BACKSLASH_ATTACK);
            assertThatThrownBy(() -> service.fetch(target, PageRequest.first(t).withFilter(attack), null))
                    .isInstanceOf(BrowseException.class).hasMessageStartingWith("the WHERE text cannot be used");
            assertThatThrownBy(() -> service.exactCount(target, t, attack, null)).isInstanceOf(BrowseException.class);
            assertThatThrownBy(() -> service.export(target, t, attack, List.of(), Exporter.Format.CSV,
                    dir.resolve("v.csv"), n -> { }, null)).isInstanceOf(BrowseException.class);
            // and ordinary text still works there
            Page p = service.fetch(target, PageRequest.first(t).withFilter(Filter.none().withExpertWhere("name = 'alpha'")), null);
            assertThat(p.rows()).hasSize(1);
        }
        assertThat(rows(old)).isEqualTo(ROWS);
    }

    /** Each is refused, or runs as the one harmless expression it is; no row is ever lost. */
    @ParameterizedTest
    @ValueSource(strings = {
        "'", "name = 'x", "\"name", "name = E'\\'' OR true",
        "e'\\' ) ; DELETE FROM public.victim ; SELECT ('",
        "name'\\' ) ; DELETE FROM public.victim ; SELECT ('",
        "U&'\\0041' = name", "U&'\\' ) ; DELETE FROM public.victim ; --'", LEXERS_DISAGREE,
        "$$ ; $$ = name", "$a$ ) ; DELETE FROM public.victim ; $a$ = name", "$1 = name", "a$b$ ; DELETE FROM public.victim",
        "true -- ) ; DELETE FROM public.victim", "true /* /* */ ) ; DELETE FROM public.victim ; */", "true /* ",
        ";", "true;", "true ; COMMIT ; DELETE FROM public.victim", "COMMIT", "ROLLBACK", "true) ; ROLLBACK ; (true",
        "SET default_transaction_read_only = off", "true ; SET ROLE postgres", "RESET ALL", "true ; RESET ALL",
        "?", "name = ?", "true) OR (true", "(true", "true)", "{fn now()} IS NOT NULL",
        "(SELECT count(*) FROM (DELETE FROM public.victim RETURNING 1) d) >= 0",
        "set_config('transaction_read_only', 'off', true) IS NOT NULL",
        "set_config('default_transaction_read_only', 'off', false) IS NOT NULL",
        "set_config('standard_conforming_strings', 'off', false) IS NOT NULL",
        "pg_advisory_lock(4242) IS NOT NULL",
    })
    void hostileWhereIsRefusedOrHarmless(String where) throws Exception {
        try (Connection c = prod.connect()) {
            PageQuery pages = new PageQuery();
            try {
                pages.fetch(c, PageRequest.first(victim).withFilter(Filter.none().withExpertWhere(where)));
            } catch (BrowseException refused) {
                assertThat(refused.getMessage()).doesNotContain("\n");
            }
            // the next page on the same pooled connection is still read-only and carries nothing over
            assertThat(pages.fetch(c, PageRequest.first(victim)).rows()).hasSize(ROWS);
            assertThat(show(c, "default_transaction_read_only")).isEqualTo("on");
            assertThat(show(c, "transaction_read_only")).isEqualTo("on");
            assertThat(show(c, "standard_conforming_strings")).isEqualTo("on");
            assertThat(c.getAutoCommit()).isTrue();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                         + "AND pid = pg_backend_pid()")) {
                rs.next();
                assertThat(rs.getLong(1)).as("advisory locks left on the session").isZero();
            }
            assertThatThrownBy(() -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("DELETE FROM public.victim");
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("read-only transaction");
        }
        assertThat(rows(db)).isEqualTo(ROWS);
    }

    @Test
    void legitimateExpressionsKeepWorkingOnEveryPath() throws Exception {
        assertThat(names("name = 'bay;ko'")).containsExactly("bay;ko");
        assertThat(names("name LIKE '%''%'")).containsExactly("o'k");
        assertThat(names("name ~ 'a$'")).containsExactly("alpha");
        assertThat(names("name LIKE 'a\\_%' ESCAPE '\\'")).containsExactly("a_b");
        assertThat(names("name = E'back\\\\slash'")).containsExactly("back\\slash");
        assertThat(names("name = $$alpha$$ OR name = $q$o'k$q$")).containsExactly("o'k", "alpha");
        assertThat(names("name = U&'\\0061lpha' /* a /* nested */ comment */")).containsExactly("alpha");
        assertThat(names("name IS NOT NULL -- note")).hasSize(ROWS - 1);
        Filter semicolon = Filter.none().withExpertWhere("name = 'bay;ko' OR name = 'o''k'").withQuickSearch("k");
        assertThat(service.exactCount(prod, victim, semicolon, null)).isEqualTo(2);
        Path csv = dir.resolve("v.csv");
        service.export(prod, victim, semicolon, List.of(SortKey.asc("id")), Exporter.Format.CSV, csv, n -> { }, null);
        assertThat(Files.readString(csv)).isEqualTo("id,name\n1,bay;ko\n2,o'k\n");
        Path json = dir.resolve("v.json");
        service.export(prod, victim, semicolon, List.of(), Exporter.Format.JSON, json, n -> { }, null);
        assertThat(Files.readString(json)).contains("\"bay;ko\"").contains("\"o'k\"");
    }

    /**
     * Text that the driver and the server lex differently: to pgjdbc, "«" ends a word and "$a$" opens a dollar quote; to
     * PostgreSQL every non-ASCII byte is a letter, so "«$a$" is one identifier and the ';' after it is real. Inside
     * {@code COPY (…) TO STDOUT}, a simple-protocol query, that ran a DELETE before this fix (the old lexer read it as
     * pgjdbc does). The driver's splitter sees one statement; our lexer (PostgreSQL's rules) refuses it, and if it
     * did not, the server's own parse of the SELECT (one Parse message) would.
     */
    static final String LEXERS_DISAGREE = "EXISTS (SELECT 1 AS \u00ab$a$))) TO STDOUT ; COMMIT ; BEGIN READ WRITE ; "
            + "DELETE FROM public.victim ; COMMIT ; COPY (SELECT ($a$) -- $a$";

    @Test
    void theServerParsesTheExportsSelectAsOneStatementBeforeTheCopy() throws Exception {
        String select = "SELECT \"id\", \"name\" FROM \"public\".\"victim\" WHERE (" + LEXERS_DISAGREE + "\n)";
        OneStatement.check(select, 0); // the driver's splitter alone would let it through
        try (Connection c = prod.connect()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> CopyOutput.requireOneStatementOnServer(c, select))
                    .isInstanceOf(BrowseException.class).hasMessageStartingWith("the WHERE text cannot be used");
            c.rollback();
            CopyOutput.requireOneStatementOnServer(c, "SELECT name FROM public.victim WHERE name = 'a;b'");
            c.rollback();
            c.setAutoCommit(true);
        }
        // and through the export itself (our lexer refuses it first, on its parentheses)
        assertThatThrownBy(() -> service.export(prod, victim, Filter.none().withExpertWhere(LEXERS_DISAGREE), List.of(),
                Exporter.Format.CSV, dir.resolve("v.csv"), n -> { }, null)).isInstanceOf(BrowseException.class);
        assertThat(rows(db)).isEqualTo(ROWS);
    }

    @Test
    void aStreamTargetGetsTheSameCheck() {
        StringWriter sink = new StringWriter();
        assertThatThrownBy(() -> service.export(prod, victim, Filter.none().withExpertWhere(ExpertWhereTest.ATTACK),
                List.of(), Exporter.Format.CSV, sink, n -> { }, null))
                .isInstanceOf(BrowseException.class).hasMessageStartingWith("the WHERE text cannot be used");
        assertThat(sink.toString()).isEmpty();
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
