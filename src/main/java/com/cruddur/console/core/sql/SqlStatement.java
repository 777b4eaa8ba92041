package com.cruddur.console.core.sql;

/**
 * One statement of a script, without its terminating semicolon.
 *
 * @param index       0-based position in the script
 * @param text        the statement as sent to the server
 * @param startOffset char offset of {@code text} in the script source
 * @param line        1-based line of the first character
 * @param column      1-based column of the first character
 * @param endLine     line where the statement ended (its semicolon), which psql uses in NOTICE lines
 * @param copyData    for {@code COPY … FROM stdin}, where its data lines are in the source; null otherwise
 */
public record SqlStatement(int index, String text, int startOffset, int line, int column, int endLine,
                           CopyData copyData) {
    public SqlStatement(int index, String text, int startOffset, int line, int column, int endLine) {
        this(index, text, startOffset, line, column, endLine, null);
    }

    /** The first line of the statement, shortened for messages. */
    public String firstLine() {
        String first = text.lines().findFirst().orElse("").strip();
        return first.length() > 80 ? first.substring(0, 77) + "..." : first;
    }

    /**
     * The data lines psql would send for a {@code COPY … FROM stdin}: from the line after the statement up to
     * (not including) the {@code \.} line, or to the end of the file.
     *
     * @param start     char offset of the first data line in the source
     * @param end       char offset just after the last data line (its newline included)
     * @param firstLine 1-based line of the first data line
     */
    public record CopyData(int start, int end, int firstLine) {
    }
}
