package com.cruddur.console.core.schema;

/**
 * One statement of a script, without its terminating semicolon.
 *
 * @param index       0-based position in the script
 * @param text        the statement as sent to the server
 * @param startOffset char offset of {@code text} in the script source
 * @param line        1-based line of the first character
 * @param column      1-based column of the first character
 * @param endLine     line where the statement ended (its semicolon), which psql uses in NOTICE lines
 */
public record SqlStatement(int index, String text, int startOffset, int line, int column, int endLine) {
    /** The first line of the statement, shortened for messages. */
    public String firstLine() {
        String first = text.lines().findFirst().orElse("").strip();
        return first.length() > 80 ? first.substring(0, 77) + "..." : first;
    }
}
