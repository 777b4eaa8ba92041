package com.cruddur.console.core.sql;

import com.cruddur.console.core.schema.script.BundledSql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlScriptTest {

    static Stream<Arguments> splits() {
        return Stream.of(
                Arguments.of("plain", "select 1; select 2;", List.of("select 1", "select 2")),
                Arguments.of("last statement without semicolon", "select 1;\nselect 2\n", List.of("select 1", "select 2")),
                Arguments.of("empty statements dropped", ";;select 1;;", List.of("select 1")),
                Arguments.of("semicolon in string", "select 'a;b'; select 2", List.of("select 'a;b'", "select 2")),
                Arguments.of("doubled quote in string", "select 'it''s; fine'; select 2",
                        List.of("select 'it''s; fine'", "select 2")),
                Arguments.of("E string with backslash quote", "select E'it\\'s; \\\\'; select 2",
                        List.of("select E'it\\'s; \\\\'", "select 2")),
                Arguments.of("standard string keeps backslash literal", "select 'C:\\'; select 2",
                        List.of("select 'C:\\'", "select 2")),
                Arguments.of("quoted identifier with semicolon", "create table \"a;b\"\"c\" (x int); select 2",
                        List.of("create table \"a;b\"\"c\" (x int)", "select 2")),
                Arguments.of("dollar quote with semicolons",
                        "create function f() returns int as $$ begin return 1; end; $$ language plpgsql; select 2",
                        List.of("create function f() returns int as $$ begin return 1; end; $$ language plpgsql", "select 2")),
                Arguments.of("tagged dollar quote containing $$",
                        "do $body$ begin perform '$$;'; end $body$; select 2",
                        List.of("do $body$ begin perform '$$;'; end $body$", "select 2")),
                Arguments.of("positional parameter is not a quote", "prepare p as select $1; select 2",
                        List.of("prepare p as select $1", "select 2")),
                Arguments.of("dollar inside identifier is not a quote", "select a$b$ from t; select 2",
                        List.of("select a$b$ from t", "select 2")),
                Arguments.of("line comment with quote and semicolon", "select 1 -- don't; stop\n; select 2",
                        List.of("select 1 -- don't; stop", "select 2")),
                Arguments.of("block comment with quote", "/* it's; here */ select 1; select 2",
                        List.of("select 1", "select 2")),
                Arguments.of("nested block comment", "select /* a /* b; */ still 'comment; */ 1; select 2",
                        List.of("select /* a /* b; */ still 'comment; */ 1", "select 2")),
                Arguments.of("semicolon in parentheses (psql keeps them)", "create rule r as on insert to t do (select 1; select 2); select 3",
                        List.of("create rule r as on insert to t do (select 1; select 2)", "select 3")),
                Arguments.of("BEGIN ATOMIC body", "create function f() returns int language sql begin atomic select 1; select case when true then 2 end; end; select 3",
                        List.of("create function f() returns int language sql begin atomic select 1; select case when true then 2 end; end", "select 3")),
                Arguments.of("backslash inside string is not a meta-command", "select '\\i x'; select 2",
                        List.of("select '\\i x'", "select 2")),
                Arguments.of("comment-only file", "-- nothing here\n/* nor here */\n", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void splitsLikePsql(String name, String sql, List<String> expected) {
        assertThat(SqlScript.parse(sql, "t.sql").statements()).extracting(SqlStatement::text).isEqualTo(expected);
    }

    @Test
    void statementsKnowTheirStartAndEndLines() {
        String sql = "-- header\n\n  CREATE TABLE t (\n  id int\n);\nINSERT INTO t VALUES (1);";
        List<SqlStatement> st = SqlScript.parse(sql, "t.sql").statements();
        assertThat(st.get(0).line()).isEqualTo(3);
        assertThat(st.get(0).column()).isEqualTo(3);
        assertThat(st.get(0).endLine()).isEqualTo(5);
        assertThat(st.get(1).line()).isEqualTo(6);
        assertThat(st.get(1).column()).isEqualTo(1);
    }

    @Test
    void serverPositionMapsToFileLineAndColumn() {
        String sql = "select 1;\n\nCREATE TABLE t (\n  a text\n  b text\n);";
        SqlScript script = SqlScript.parse(sql, "schema.sql");
        SqlStatement create = script.statements().get(1);
        int serverPosition = create.text().indexOf("b text") + 1;
        assertThat(script.positionOf(create, serverPosition)).hasToString("schema.sql:5:3");
    }

    @Test
    void serverPositionCountsCharactersNotUtf16Units() {
        String sql = "select '\uD83D\uDE00', x;";
        SqlScript script = SqlScript.parse(sql, "e.sql");
        // the server counts the emoji as one character: 'x' is character 14
        assertThat(script.positionOf(script.statements().get(0), 14)).hasToString("e.sql:1:14");
    }

    @Test
    void metaCommandsAreReportedWithTheirLines() {
        String sql = "select 1;\n\\c cruddur\nselect '\\not a command';\n  \\i other.sql\n";
        assertThatThrownBy(() -> SqlScript.parse(sql, "db/seed.sql"))
                .isInstanceOf(SqlScriptException.class)
                .hasMessageContaining("db/seed.sql:2: psql meta-command \\c is not supported")
                .hasMessageContaining("db/seed.sql:4: psql meta-command \\i is not supported")
                .hasMessageNotContaining("\\not");
    }

    @Test
    void unterminatedQuotesAndCommentsAreReported() {
        assertThatThrownBy(() -> SqlScript.parse("select 1;\nselect 'oops;\n", "a.sql"))
                .hasMessageContaining("a.sql:2: unterminated string");
        assertThatThrownBy(() -> SqlScript.parse("create function f() as $fn$ begin", "a.sql"))
                .hasMessageContaining("a.sql:1: unterminated dollar-quoted string $fn$");
        assertThatThrownBy(() -> SqlScript.parse("select 1;\n/* /* */", "a.sql"))
                .hasMessageContaining("a.sql:2: unterminated /* comment");
        assertThatThrownBy(() -> SqlScript.parse("select \"x", "a.sql"))
                .hasMessageContaining("unterminated quoted identifier");
    }

    @Test
    void bundledSchemaSplitsIntoItsStatements() {
        SqlScript script = BundledSql.schema().parse();
        assertThat(script.statements()).extracting(SqlStatement::firstLine)
                .contains("CREATE FUNCTION public.func_updated_at()", "CREATE TRIGGER trig_users_updated_at");
        assertThat(script.statements()).hasSize(11);
    }

    @Test
    void aNulByteIsReportedWithItsPosition() {
        assertThatThrownBy(() -> SqlScript.parse("SELECT 1;\nSELECT 'a\0b';\n", "x.sql"))
                .isInstanceOf(SqlScriptException.class)
                .hasMessageStartingWith("x.sql:2:10: the file contains a NUL byte (0x00)")
                .hasMessageContaining("is this a binary file?")
                .hasMessageEndingWith("nothing was run");
    }

    @Test
    void copyFromStdinTakesTheFollowingLinesAsItsData() {
        String sql = "COPY t (a) FROM stdin; -- the data follows\n1\n'; DROP TABLE t; --\n\\.\nSELECT 2;\n";
        SqlScript script = SqlScript.parse(sql, "x.sql");
        assertThat(script.statements()).extracting(SqlStatement::text).containsExactly("COPY t (a) FROM stdin", "SELECT 2");
        SqlStatement copy = script.statements().get(0);
        assertThat(copy.copyData()).isNotNull();
        assertThat(script.copyText(copy)).isEqualTo("1\n'; DROP TABLE t; --\n");
        assertThat(copy.copyData().firstLine()).isEqualTo(2);
        assertThat(script.statements().get(1).line()).isEqualTo(5);
    }
}
