package com.cruddur.console.core.sql;

/**
 * The excerpt of a statement that error messages show: numbered lines with a marker on the failing one, at most
 * {@value #LINES} lines, and each line cut to a window around the error column so that a 10 MB one-line statement
 * still makes a message of a few lines.
 */
public final class ScriptQuote {
    private static final int LINES = 12;
    /** Characters shown on each side of the error column, and at most twice that on other lines. */
    private static final int HALF_WIDTH = 120;
    /** Longest server message, detail or hint we repeat (the server can echo a whole value in them). */
    public static final int MAX_SERVER_TEXT = 500;

    private ScriptQuote() {
    }

    /** The statement with line numbers and a marker on {@code at}'s line, trimmed around it when long or wide. */
    public static String quote(SqlStatement statement, SqlPosition at, SqlScript script) {
        String[] lines = statement.text().split("\n", -1);
        int markIndex = Math.max(0, Math.min(lines.length - 1, at.line() - statement.line()));
        int from = Math.max(0, Math.min(markIndex - LINES / 2, lines.length - LINES));
        int to = Math.min(lines.length, from + LINES);
        StringBuilder out = new StringBuilder();
        if (from > 0) {
            out.append("      ...\n");
        }
        for (int k = from; k < to; k++) {
            int lineNo = statement.line() + k;
            // the statement's first line starts at its column, not at column 1
            int firstColumn = k == 0 ? statement.column() : 1;
            int markColumn = k == markIndex && at.line() == lineNo ? at.column() - firstColumn : 0;
            out.append(numbered(lineNo, cut(lines[k].stripTrailing(), markColumn), k == markIndex));
            if (k < to - 1) {
                out.append('\n');
            }
        }
        if (to < lines.length) {
            out.append("\n      ...");
        }
        return out.toString();
    }

    /** One line of the file (e.g. a COPY data row), numbered and marked. */
    public static String line(SqlScript script, int line) {
        return numbered(line, cut(script.lineText(line).stripTrailing(), 0), true);
    }

    /** {@code s} cut to {@code max} characters with an ellipsis; null stays null. */
    public static String cap(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, safe(s, max)) + "…";
    }

    private static String numbered(int lineNo, String text, boolean marked) {
        return (marked ? "  > " : "    ") + String.format("%4d | ", lineNo) + text;
    }

    /** A window of the line around 0-based code point {@code column} (0 keeps its start). */
    public static String cut(String line, int column) {
        if (line.length() <= 2 * HALF_WIDTH) {
            return line;
        }
        int at = column <= 0 ? 0 : line.offsetByCodePoints(0, Math.min(column, line.codePointCount(0, line.length())));
        int start = safe(line, Math.max(0, at - HALF_WIDTH));
        int end = safe(line, Math.min(line.length(), start + 2 * HALF_WIDTH));
        return (start > 0 ? "…" : "") + line.substring(start, end) + (end < line.length() ? "…" : "");
    }

    /** {@code index} moved off the middle of a surrogate pair. */
    private static int safe(String s, int index) {
        return index > 0 && index < s.length() && Character.isLowSurrogate(s.charAt(index)) ? index - 1 : index;
    }
}
