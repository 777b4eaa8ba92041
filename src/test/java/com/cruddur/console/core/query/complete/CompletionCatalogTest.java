package com.cruddur.console.core.query.complete;

import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Completion from the real catalog, toolkit-free: what the Query tab offers at a caret. */
class CompletionCatalogTest {
    static CompletionCatalog catalog;

    @BeforeAll
    static void load() throws SQLException {
        String db = TestPostgres.freshDatabase("completion");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE users (uuid uuid PRIMARY KEY, handle text, display_name text)");
            st.execute("CREATE TABLE activities (uuid uuid, user_uuid uuid, message text, created_at timestamp)");
            st.execute("CREATE VIEW user_handles AS SELECT handle FROM users");
            st.execute("CREATE SCHEMA reports");
            st.execute("CREATE TABLE reports.daily (day date, total int)");
            st.execute("CREATE TABLE \"Mixed Case\" (\"Odd\"\"Col\" int, \"select\" int)");
            st.execute("CREATE FUNCTION reports.summarize(d date) RETURNS int LANGUAGE sql AS 'SELECT 1'");
            st.execute("CREATE SCHEMA cruddur_console");
            st.execute("CREATE TABLE cruddur_console.state (k text)");
            st.execute("CREATE TABLE public.users_secret_console_lookalike (x int)");
        }
        try (Connection c = TestPostgres.connect(db)) {
            catalog = CompletionCatalog.load(c);
        }
    }

    /** Completes at the '|' in {@code marked}. */
    static List<Completion> at(String marked) {
        int caret = marked.indexOf('|');
        return catalog.complete(marked.replace("|", ""), caret);
    }

    static List<String> texts(String marked) {
        return at(marked).stream().map(Completion::insertText).toList();
    }

    @Test
    void afterFromItOffersTablesViewsAndSchemasButNeverTheConsolesOwn() {
        List<Completion> c = at("SELECT * FROM us|");
        assertThat(c).extracting(Completion::insertText).contains("users", "user_handles",
                "users_secret_console_lookalike");
        assertThat(c).filteredOn(x -> x.insertText().equals("user_handles")).extracting(Completion::kind)
                .containsExactly(Completion.Kind.VIEW);
        assertThat(c).allSatisfy(x -> assertThat(x.replaceFrom()).isEqualTo("SELECT * FROM ".length()));
        assertThat(texts("SELECT * FROM |")).contains("reports", "activities").doesNotContain("cruddur_console", "state");
        assertThat(texts("SELECT * FROM cruddur_console.|")).isEmpty();
        assertThat(catalog.schemas()).doesNotContain("cruddur_console");
    }

    @Test
    void afterASchemaItsTablesAndFunctions() {
        List<Completion> c = at("SELECT reports.| FROM x");
        assertThat(c).extracting(Completion::insertText).containsExactlyInAnyOrder("daily", "summarize");
        assertThat(c).filteredOn(x -> x.kind() == Completion.Kind.FUNCTION).extracting(Completion::detail)
                .containsExactly("summarize(d date)");
        assertThat(texts("SELECT * FROM REPORTS.da|")).containsExactly("daily");
    }

    @Test
    void afterATableOrAnAliasItsColumns() {
        assertThat(texts("SELECT a.| FROM activities a JOIN users u ON u.uuid = a.user_uuid"))
                .containsExactly("created_at", "message", "user_uuid", "uuid");
        assertThat(texts("SELECT u.d| FROM activities AS a, users u")).containsExactly("display_name");
        assertThat(texts("SELECT users.h| FROM users")).containsExactly("handle");
        assertThat(texts("SELECT reports.daily.| FROM reports.daily")).containsExactly("day", "total");
        assertThat(texts("UPDATE users SET display_name = 'x' WHERE users.ha|")).containsExactly("handle");
        // the statement around the caret decides: the alias of another statement is not this one's
        assertThat(texts("SELECT * FROM users u; SELECT u.| FROM activities")).isEmpty();
    }

    @Test
    void elsewhereTheStatementsColumnsFunctionsAndKeywords() {
        List<Completion> c = at("SELECT mes| FROM activities");
        assertThat(c).extracting(Completion::insertText).containsExactly("message");
        assertThat(c.get(0).kind()).isEqualTo(Completion.Kind.COLUMN);
        assertThat(c.get(0).detail()).contains("text");
        assertThat(texts("sel|")).contains("select");
        assertThat(texts("SEL|")).contains("SELECT");
        assertThat(texts("SELECT * FROM users WHERE |")).contains("handle", "users", "NOT")
                .doesNotContain("upper", "message");
        assertThat(texts("SELECT * FROM users WHERE u|")).contains("uuid", "users", "upper", "union");
        assertThat(texts("SELECT l|")).contains("left", "lower");
        assertThat(texts("SELECT count|")).contains("count");
    }

    @Test
    void namesThatNeedQuotesAreQuotedAndQuotedPrefixesMatchExactly() {
        assertThat(texts("SELECT * FROM Mi|")).containsExactly("\"Mixed Case\"");
        assertThat(texts("SELECT * FROM \"Mi|")).containsExactly("\"Mixed Case\"");
        assertThat(texts("SELECT * FROM \"mi|")).isEmpty();
        assertThat(texts("SELECT m.| FROM \"Mixed Case\" m")).containsExactly("\"Odd\"\"Col\"", "\"select\"");
    }

    @Test
    void nothingInsideStringsCommentsOrNumbers() {
        assertThat(at("SELECT 'us|' FROM users")).isEmpty();
        assertThat(at("SELECT 1 -- us|")).isEmpty();
        assertThat(at("SELECT /* us| */ 1")).isEmpty();
        assertThat(at("SELECT $$ us|$$")).isEmpty();
        assertThat(at("SELECT 12|")).isEmpty();
        assertThat(texts("SELECT /* c */ |")).contains("users");
    }
}
