package com.cruddur.console.core.browse.edit;

import java.util.ArrayList;
import java.util.List;

/**
 * A block of cells as spreadsheets put it on the clipboard: cells separated by tabs, rows by line breaks ({@code \n},
 * {@code \r\n} or {@code \r}); a cell holding a tab, a line break or a quote comes wrapped in double quotes, its quotes
 * doubled. The line break that ends the last row is not a row. Every cell is text exactly as copied: an empty cell is
 * the empty string (NULL is set with Set NULL, never guessed from a word).
 */
public final class TsvBlock {
    private TsvBlock() {
    }

    /** The rows of {@code text}, each a list of its cells; empty for empty text. */
    public static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return rows;
        }
        List<String> row = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            StringBuilder cell = new StringBuilder();
            int end = i < n && text.charAt(i) == '"' ? quoted(text, i, cell) : -1;
            if (end < 0) { // not quoted, or a quote never closed: the cell is the text as it stands
                cell.setLength(0);
                end = i;
                while (end < n && text.charAt(end) != '\t' && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                    end++;
                }
                cell.append(text, i, end);
            }
            row.add(cell.toString());
            if (end >= n) {
                rows.add(row);
                break;
            }
            char c = text.charAt(end);
            i = end + 1;
            if (c == '\t') {
                continue;
            }
            if (c == '\r' && i < n && text.charAt(i) == '\n') {
                i++;
            }
            rows.add(row);
            row = new ArrayList<>();
            if (i >= n) {
                break; // the line break that ends the block
            }
        }
        return rows;
    }

    /**
     * Reads the quoted cell starting at {@code start} into {@code cell}; returns where it ends (at the tab, line break
     * or end after the closing quote, anything between kept as text), or -1 when its quote is never closed.
     */
    private static int quoted(String text, int start, StringBuilder cell) {
        int n = text.length();
        int i = start + 1;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
                if (i + 1 < n && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i += 2;
                    continue;
                }
                i++;
                while (i < n && text.charAt(i) != '\t' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    cell.append(text.charAt(i++));
                }
                return i;
            }
            cell.append(c);
            i++;
        }
        return -1;
    }
}
