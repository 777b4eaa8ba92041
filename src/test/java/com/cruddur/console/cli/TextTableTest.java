package com.cruddur.console.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextTableTest {
    private static List<String> print(TextTable t) {
        return print(t, TextTable.DEFAULT_WIDTH);
    }

    private static List<String> print(TextTable t, int width) {
        StringWriter s = new StringWriter();
        t.print(new PrintWriter(s, true), width);
        return s.toString().lines().toList();
    }

    @Test
    void numbersAreRightAlignedAndTextLeftAligned() {
        List<String> lines = print(new TextTable("NAME", "ROWS").row("users", 3).row("activities", 200003));
        assertThat(lines).containsExactly(
                "NAME          ROWS",
                "----------  ------",
                "users            3",
                "activities  200003");
    }

    @Test
    void aColumnWithAnyTextIsLeftAligned() {
        List<String> lines = print(new TextTable("A", "B").row("x", "12").row("y", "7 MB"));
        assertThat(lines.get(2)).isEqualTo("x  12");
        assertThat(lines.get(3)).isEqualTo("y  7 MB");
    }

    @Test
    void aWideTableIsFittedToTheWidthByCuttingTheWidestColumnsWithAnEllipsis() {
        String message = "Just deployed the Flask backend before lunch and it worked first time, send coffee";
        TextTable t = new TextTable("UUID", "HANDLE", "MESSAGE", "LIKES")
                .row("2f1c6a8e-0c1b-4b4e-9a52-6f3f1c2d9a10", "andrewbrown", message, 12);
        List<String> lines = print(t, 60);
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(60));
        assertThat(lines.get(2)).contains("…").contains("andrewbrown").endsWith("12");
        assertThat(lines.get(0)).contains("LIKES");
    }

    @Test
    void aTableThatFitsIsNotCut() {
        List<String> lines = print(new TextTable("NAME", "VALUE").row("k", "a".repeat(120)), 200);
        assertThat(lines.get(2)).endsWith("a".repeat(120)).doesNotContain("…");
    }

    @Test
    void theTerminalWidthComesFromColumns() {
        assertThat(new CliContext(java.util.Map.of("COLUMNS", "132"), null, null, null, false).terminalWidth()).isEqualTo(132);
        assertThat(new CliContext(java.util.Map.of(), null, null, null, false).terminalWidth()).isEqualTo(80);
        assertThat(new CliContext(java.util.Map.of("COLUMNS", "wide"), null, null, null, false).terminalWidth()).isEqualTo(80);
    }
}
