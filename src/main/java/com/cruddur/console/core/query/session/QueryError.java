package com.cruddur.console.core.query.session;

/**
 * What the server said about a failed statement, with where it points in the editor's text.
 *
 * @param offset character offset in the editor's text the server's position points to (the statement's start when
 *               the server gave none)
 * @param line   1-based line of {@code offset}
 * @param column 1-based column of {@code offset}
 */
public record QueryError(String message, String sqlState, String detail, String hint, int offset, int line, int column) {

    /** "ERROR: … (SQLSTATE …) at line L, column C", then DETAIL and HINT lines when the server sent them. */
    public String describe() {
        StringBuilder b = new StringBuilder("ERROR: ").append(message);
        if (sqlState != null) {
            b.append(" (SQLSTATE ").append(sqlState).append(')');
        }
        b.append(" at line ").append(line).append(", column ").append(column);
        if (detail != null) {
            b.append("\nDETAIL: ").append(detail);
        }
        if (hint != null) {
            b.append("\nHINT: ").append(hint);
        }
        return b.toString();
    }

    /** A problem with no server position (a refusal, a lost connection), placed at {@code offset}. */
    static QueryError at(String text, int offset, String message, String sqlState) {
        int[] lc = lineColumn(text, offset);
        return new QueryError(message, sqlState, null, null, offset, lc[0], lc[1]);
    }

    /** 1-based line and column (in characters) of {@code offset} in {@code text}. */
    static int[] lineColumn(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        int end = Math.max(0, Math.min(offset, text.length()));
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, end - lineStart + 1};
    }
}
