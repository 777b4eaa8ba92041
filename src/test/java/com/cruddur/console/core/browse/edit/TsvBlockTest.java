package com.cruddur.console.core.browse.edit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Blocks of cells as LibreOffice, Excel and Google Sheets put them on the clipboard. */
class TsvBlockTest {

    @Test
    void tabsSplitCellsAndEveryKindOfLineBreakSplitsRows() {
        assertThat(TsvBlock.parse("a\tb\nc\td\n")).containsExactly(List.of("a", "b"), List.of("c", "d"));
        assertThat(TsvBlock.parse("a\tb\r\nc\td\r\n")).containsExactly(List.of("a", "b"), List.of("c", "d"));
        assertThat(TsvBlock.parse("a\rb")).containsExactly(List.of("a"), List.of("b"));
        assertThat(TsvBlock.parse("one")).containsExactly(List.of("one"));
    }

    @Test
    void emptyCellsStayEmptyStringsAndOnlyTheLastLineBreakIsDropped() {
        assertThat(TsvBlock.parse("\t\n\tx\n\n")).containsExactly(List.of("", ""), List.of("", "x"), List.of(""));
        assertThat(TsvBlock.parse("NULL\t")).containsExactly(List.of("NULL", ""));
        assertThat(TsvBlock.parse("")).isEmpty();
        assertThat(TsvBlock.parse(null)).isEmpty();
    }

    @Test
    void quotedCellsKeepTheirTabsLineBreaksAndDoubledQuotes() {
        assertThat(TsvBlock.parse("\"two\nlines\"\t\"a\tb\"\n\"say \"\"hi\"\"\"\tplain\n"))
                .containsExactly(List.of("two\nlines", "a\tb"), List.of("say \"hi\"", "plain"));
        assertThat(TsvBlock.parse("\"crlf\r\ninside\"\r\nnext")).containsExactly(List.of("crlf\r\ninside"), List.of("next"));
        assertThat(TsvBlock.parse("\"\"")).containsExactly(List.of(""));
    }

    @Test
    void quotesThatDoNotWrapACellAreText() {
        assertThat(TsvBlock.parse("5\" screen\tit's")).containsExactly(List.of("5\" screen", "it's"));
        assertThat(TsvBlock.parse("\"never closed\tx\ny")).containsExactly(List.of("\"never closed", "x"), List.of("y"));
        assertThat(TsvBlock.parse("\"quoted\" and more\tz")).containsExactly(List.of("quoted and more", "z"));
        assertThat(TsvBlock.parse("😀\t\\\\n\t'; DROP TABLE x; --"))
                .containsExactly(List.of("😀", "\\\\n", "'; DROP TABLE x; --"));
    }
}
