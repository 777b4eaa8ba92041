package com.cruddur.console.core.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two checks of user WHERE text that need no server: {@link ExpertWhere} (PostgreSQL's lexical rules, for clear
 * messages and our parentheses) and {@link OneStatement} (the driver's own statement splitter, the safety check).
 */
public class ExpertWhereTest {
    /** The attack: "name'" is an identifier and a string, not the start of an E'' string. */
    public static final String ATTACK = "name'\\' IS NOT NULL) ; COMMIT ; BEGIN READ WRITE ; DELETE FROM public.victim ; COMMIT ; "
            + "PREPARE p AS SELECT * FROM public.victim WHERE (true /* ' */";

    /** One statement when backslashes are plain characters, several when they escape quotes (standard_conforming_strings off). */
    public static final String BACKSLASH_ATTACK = "name = 'a\\' OR name = ') ; COMMIT ; BEGIN READ WRITE ; "
            + "DELETE FROM public.victim ; COMMIT ; SELECT (' -- '";

    private static String wrapped(String where) {
        return "SELECT \"name\" FROM \"public\".\"victim\" WHERE (\"name\"::text ILIKE ? ESCAPE E'\\\\') AND (" + where
                + "\n) ORDER BY \"id\" LIMIT 201";
    }

    @Test
    void anEOnlyStartsAnEscapeStringAtTheStartOfAToken() {
        assertThatThrownBy(() -> ExpertWhere.check(ATTACK))
                .isInstanceOf(UserSqlRefusedException.class).hasMessageContaining("')' has no matching '('");
        // at a token start E'' takes backslash escapes: \' is a quote inside the string
        assertThat(ExpertWhere.check("name = e'it\\'s' OR name = E'a\\\\b'")).isNotNull();
        assertThat(ExpertWhere.check("(name = E'\\' ) ; ')")).isNotNull();
        // inside a word it is just a letter: 'xe' is an identifier, then a standard string
        assertThatThrownBy(() -> ExpertWhere.check("xe'\\' ) ; '")).hasMessageContaining("no matching '('");
    }

    @Test
    void unicodeStringsQuotedNamesNestedCommentsAndDollarQuotes() {
        assertThat(ExpertWhere.check("name = U&'\\0041' OR U&\"na\"\"me\" IS NULL")).isNotNull();
        assertThatThrownBy(() -> ExpertWhere.check("U&'\\' ) OR (true")).hasMessageContaining("no matching '('");
        assertThat(ExpertWhere.check("true /* a /* ; ) */ still a comment ; */")).isEqualTo("true /* a /* ; ) */ still a comment ; */");
        assertThatThrownBy(() -> ExpertWhere.check("true /* a /* b */ ;")).hasMessageContaining("comment is not closed");
        assertThat(ExpertWhere.check("name = $$ ; ) $$ OR name = $a$ $$ ; $a$")).isNotNull();
        assertThatThrownBy(() -> ExpertWhere.check("name = $a$ ; $b$")).hasMessageContaining("$-quoted string is not closed");
        // $1 is a parameter (refused: it would refer to our values), and $ inside a word belongs to the word
        assertThatThrownBy(() -> ExpertWhere.check("$1 = name")).hasMessageContaining("'$1' is a parameter reference");
        assertThatThrownBy(() -> ExpertWhere.check("a$b$ = 1 ; $b$")).hasMessageContaining("';'");
        assertThat(ExpertWhere.check("name ~ 'a$'")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {";", "true;", "true ; COMMIT", "true; SET default_transaction_read_only = off", "true;\n"})
    void aSemicolonOutsideQuotesIsRefusedWithWhatToDo(String where) {
        assertThatThrownBy(() -> ExpertWhere.check(where))
                .isInstanceOf(UserSqlRefusedException.class)
                .hasMessageStartingWith("the WHERE text cannot be used: ';' ends a statement")
                .hasMessageContaining("write one condition")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void questionMarksBracesAndUnbalancedParenthesesAreRefused() {
        assertThatThrownBy(() -> ExpertWhere.check("data ? 'key'")).hasMessageContaining("'?'");
        assertThatThrownBy(() -> ExpertWhere.check("data ?? 'key'")).hasMessageContaining("'?'");
        assertThatThrownBy(() -> ExpertWhere.check("{fn now()} IS NOT NULL")).hasMessageContaining("{");
        assertThatThrownBy(() -> ExpertWhere.check("true) OR (true")).hasMessageContaining("no matching '('");
        assertThatThrownBy(() -> ExpertWhere.check("(true")).hasMessageContaining("'(' is not closed");
        assertThatThrownBy(() -> ExpertWhere.check("name = 'x")).hasMessageContaining("string literal is not closed");
        assertThatThrownBy(() -> ExpertWhere.check("\"name = 1")).hasMessageContaining("quoted name is not closed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"handle = 'bay;ko'", "message LIKE '%''%'", "name ~ 'a$'", "x IS NOT NULL -- note",
        "handle LIKE 'a\\_%' ESCAPE '\\'", "name = $$it's$$", "(a OR b) AND (c)", "data @> '{\"a\": 1}'"})
    void legitimateExpressionsPassBothChecks(String where) {
        assertThat(ExpertWhere.check(where)).isEqualTo(where);
        OneStatement.check(wrapped(where), 1);
    }

    @Test
    void theDriversSplitterRefusesWhatWouldBecomeSeveralStatements() {
        assertThatThrownBy(() -> OneStatement.check(wrapped(ATTACK), 1))
                .isInstanceOf(UserSqlRefusedException.class).hasMessageContaining("6 statements");
        // our lexer reads '\' as a whole string (standard_conforming_strings on, the default), so only the driver's
        // reading with backslash escapes finds the ';' — the check must hold for both settings
        assertThat(ExpertWhere.check(BACKSLASH_ATTACK)).isNotNull();
        assertThatThrownBy(() -> OneStatement.check(wrapped(BACKSLASH_ATTACK), 1))
                .isInstanceOf(UserSqlRefusedException.class).hasMessageContaining("statements");
        assertThatThrownBy(() -> OneStatement.check("SELECT 1; DELETE FROM t", 0)).hasMessageContaining("2 statements");
    }

    @Test
    void theDriversSplitterCountsOurParametersAndRefusesJdbcEscapes() {
        OneStatement.check("SELECT * FROM t WHERE a = ? AND b = '?'", 1);
        assertThatThrownBy(() -> OneStatement.check("SELECT * FROM t WHERE a = ? AND b = ?", 1))
                .hasMessageContaining("'?'");
        assertThatThrownBy(() -> OneStatement.check("SELECT * FROM t WHERE a = {fn now()}", 0))
                .hasMessageContaining("{");
        // a reading the driver would refuse to send at all (an unterminated literal) cannot run anything
        OneStatement.check("SELECT * FROM t WHERE a LIKE 'x\\_' ESCAPE '\\'", 0);
    }
}
