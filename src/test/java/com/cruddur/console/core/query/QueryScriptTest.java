package com.cruddur.console.core.query;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Statement boundaries come from the one tokenizer: a ';' inside quotes, dollar quotes or comments splits nothing. */
class QueryScriptTest {
    @Test
    void splitsOnlyAtSemicolonsTheServerWouldSee() {
        QueryScript s = QueryScript.parse("""
                SELECT ';' AS a; -- a ; in a comment
                SELECT $f$ ; $f$ /* ; */ ;;
                  SELECT "x;y" FROM t
                """);
        assertThat(s.statements()).extracting(QueryScript.Statement::text).containsExactly(
                "SELECT ';' AS a", "SELECT $f$ ; $f$", "SELECT \"x;y\" FROM t");
        assertThat(s.statements().get(2).line()).isEqualTo(3);
        assertThat(s.statements().get(2).column()).isEqualTo(3);
        assertThat(s.statements().get(1).firstWord()).isEqualTo("select");
    }

    @Test
    void commentsAndEmptyPiecesAreNoStatement() {
        assertThat(QueryScript.parse(" ;; -- only a comment\n/* and ; this */").statements()).isEmpty();
    }

    @Test
    void lineColumnCountsCharacters() {
        QueryScript s = QueryScript.parse("é;\n  x");
        assertThat(s.lineColumn(5)).isEqualTo("line 2, column 3");
        assertThat(s.lineColumn(0)).isEqualTo("line 1, column 1");
    }
}
