package com.cruddur.console.core.sql;

import com.cruddur.console.core.sql.SqlToken.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The tokenizer reads text as the server's lexer does: kinds, values and positions. */
class SqlTokenizerTest {

    private static List<String> kinds(String sql) {
        return SqlTokenizer.tokenize(sql).stream().map(t -> t.kind() + ":" + t.text()).toList();
    }

    private static List<String> values(String sql) {
        return SqlTokenizer.significant(sql).stream().map(SqlToken::value).toList();
    }

    @Test
    void everyCharacterBelongsToExactlyOneToken() {
        String sql = "SELECT \"Na\"\"me\", e'it\\'s', $q$ a ; b $q$ -- done\n/* a /* nested */ c */ FROM t WHERE x <> $1;";
        List<SqlToken> tokens = SqlTokenizer.tokenize(sql);
        StringBuilder joined = new StringBuilder();
        int offset = 0;
        for (SqlToken t : tokens) {
            assertThat(t.start()).isEqualTo(offset);
            joined.append(t.text());
            offset = t.end();
        }
        assertThat(joined.toString()).isEqualTo(sql);
        assertThat(tokens).allMatch(SqlToken::closed);
    }

    @Test
    void kindsOfEveryToken() {
        assertThat(kinds("select a1$, \"Q\" FROM t -- x\n"))
                .containsExactly("KEYWORD:select", "WHITESPACE: ", "IDENTIFIER:a1$", "PUNCTUATION:,", "WHITESPACE: ",
                        "QUOTED_IDENTIFIER:\"Q\"", "WHITESPACE: ", "KEYWORD:FROM", "WHITESPACE: ", "IDENTIFIER:t",
                        "WHITESPACE: ", "COMMENT:-- x", "WHITESPACE:\n");
        assertThat(kinds("x::int[1]=$2")).containsExactly("IDENTIFIER:x", "OPERATOR:::", "IDENTIFIER:int",
                "PUNCTUATION:[", "NUMBER:1", "PUNCTUATION:]", "OPERATOR:=", "PARAMETER:$2");
        assertThat(kinds("1.5e-3 .5 0x1F 1_000 1..2")).containsExactly("NUMBER:1.5e-3", "WHITESPACE: ", "NUMBER:.5",
                "WHITESPACE: ", "NUMBER:0x1F", "WHITESPACE: ", "NUMBER:1_000", "WHITESPACE: ", "NUMBER:1",
                "OPERATOR:..", "NUMBER:2");
        assertThat(kinds("B'101' X'ff' N'n' E'\\n' U&'\\0041'")).filteredOn(k -> !k.startsWith("WHITESPACE"))
                .containsExactly("STRING:B'101'", "STRING:X'ff'", "STRING:N'n'", "STRING:E'\\n'", "STRING:U&'\\0041'");
        assertThat(kinds("$a$x$a$ $$y$$")).containsExactly("DOLLAR_STRING:$a$x$a$", "WHITESPACE: ", "DOLLAR_STRING:$$y$$");
    }

    @Test
    void operatorsFollowTheServersRules() {
        // a trailing + or - belongs to the next token unless the operator holds one of ~!@#^&|`?%
        assertThat(kinds("a=-1")).containsExactly("IDENTIFIER:a", "OPERATOR:=", "OPERATOR:-", "NUMBER:1");
        assertThat(kinds("a@-1")).containsExactly("IDENTIFIER:a", "OPERATOR:@-", "NUMBER:1");
        // a comment opener ends an operator
        assertThat(kinds("a<>--c\n")).startsWith("IDENTIFIER:a", "OPERATOR:<>", "COMMENT:--c");
        assertThat(kinds("a=/*c*/b")).containsExactly("IDENTIFIER:a", "OPERATOR:=", "COMMENT:/*c*/", "IDENTIFIER:b");
        assertThat(kinds("x ?| y !~~* z")).filteredOn(k -> k.startsWith("OPERATOR"))
                .containsExactly("OPERATOR:?|", "OPERATOR:!~~*");
    }

    @Test
    void namesAreWhatTheServerLooksUp() {
        assertThat(values("PG_Terminate_Backend \"PG_Terminate\"\"x\" U&\"pg\\005fsleep\" ÄBC"))
                .containsExactly("pg_terminate_backend", "PG_Terminate\"x", "pg_sleep", "Äbc"); // only ASCII letters fold in a UTF-8 database
        assertThat(values("U&\"d!0061t!+000061\" UESCAPE '!'")).first().isEqualTo("data");
        assertThat(values("U&\"a\\\\b\"")).containsExactly("a\\b");
        // the server cuts names to 63 bytes before looking them up
        String longName = "f".repeat(70);
        assertThat(values(longName)).containsExactly("f".repeat(63));
        assertThat(values("\"" + "é".repeat(40) + "\"")).containsExactly("é".repeat(31));
    }

    @Test
    void prefixesOnlyOpenAQuoteAtTheStartOfAWord() {
        // xe'…' is the word xe and a plain string, in which a backslash is an ordinary character
        assertThat(kinds("xe'\\' ) ; '")).containsExactly("IDENTIFIER:xe", "STRING:'\\'", "WHITESPACE: ",
                "PUNCTUATION:)", "WHITESPACE: ", "PUNCTUATION:;", "WHITESPACE: ", "STRING:'");
        assertThat(kinds("e'\\' ) ; '")).containsExactly("STRING:e'\\' ) ; '");
        assertThat(kinds("a$b$ c")).containsExactly("IDENTIFIER:a$b$", "WHITESPACE: ", "IDENTIFIER:c");
    }

    @Test
    void stringValues() {
        assertThat(values("'o''k' E'a\\'b\\n\\x41\\101\\u00e9' U&'\\0041\\+01F600' $t$ $x $t$"))
                .containsExactly("o'k", "a'b\nAAé", "A\uD83D\uDE00", " $x ");
    }

    @Test
    void unclosedTokensRunToTheEndAndSaySo() {
        for (String sql : List.of("'abc", "\"abc", "/* a /* b */", "$q$ abc", "E'a\\'", "U&\"x")) {
            List<SqlToken> tokens = SqlTokenizer.tokenize("x " + sql);
            SqlToken last = tokens.get(tokens.size() - 1);
            assertThat(last.closed()).as(sql).isFalse();
            assertThat(last.end()).as(sql).isEqualTo(sql.length() + 2);
        }
    }

    @Test
    void positionsAreLinesAndColumns() {
        List<SqlToken> t = SqlTokenizer.significant("SELECT\n  'a\nb', x\r\n\ty\rz");
        assertThat(t).extracting(SqlToken::line).containsExactly(1, 2, 3, 3, 4, 5);
        assertThat(t).extracting(SqlToken::column).containsExactly(1, 3, 3, 5, 2, 1);
        assertThat(SqlTokenizer.significant("'😀' x").get(1).column()).isEqualTo(5);
    }

    @Test
    void kindHelpers() {
        List<SqlToken> t = SqlTokenizer.tokenize("f (");
        assertThat(t.get(0).isWord()).isTrue();
        assertThat(t.get(1).isNoise()).isTrue();
        assertThat(t.get(2).is("(")).isTrue();
        assertThat(t.get(2).kind()).isEqualTo(Kind.PUNCTUATION);
    }
}
