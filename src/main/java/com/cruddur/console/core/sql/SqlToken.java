package com.cruddur.console.core.sql;

/**
 * One token of SQL text as PostgreSQL's lexer (scan.l) reads it, with where it stands.
 *
 * @param kind     what the server would take it for
 * @param text     the characters exactly as written
 * @param value    for words the name the server looks up (unquoted words folded to lower case, quoted identifiers
 *                 with doubled quotes undone and U&amp;"…" escapes decoded, both cut to the server's 63-byte limit);
 *                 for string literals their content; otherwise the text
 * @param start    offset of the first character in the whole text
 * @param end      offset just after the last character
 * @param line     1-based line of the first character
 * @param column   1-based column (in characters) of the first character
 * @param closed   false for a quote, quoted identifier or comment that the text ends inside of
 */
public record SqlToken(Kind kind, String text, String value, int start, int end, int line, int column, boolean closed) {
    /** The kinds of token a highlighter or a policy needs to tell apart. */
    public enum Kind {
        /** Spaces, tabs, newlines. */
        WHITESPACE,
        /** {@code -- …} to the end of the line, or a (nesting) block comment. */
        COMMENT,
        /** An unquoted word that is not one of PostgreSQL's reserved keywords (a name, or a non-reserved keyword). */
        IDENTIFIER,
        /** An unquoted word PostgreSQL reserves (SELECT, FROM, AND, CASE, …): never a name without quotes. */
        KEYWORD,
        /** {@code "…"} or {@code U&"…"}: a name, case kept. */
        QUOTED_IDENTIFIER,
        /** {@code '…'}, {@code E'…'}, {@code U&'…'}, {@code B'…'}, {@code X'…'}, {@code N'…'}. */
        STRING,
        /** {@code $$…$$} or {@code $tag$…$tag$}. */
        DOLLAR_STRING,
        /** An integer or decimal constant (with exponent, underscores, 0x/0o/0b prefixes). */
        NUMBER,
        /** {@code $1}: a positional parameter. */
        PARAMETER,
        /** A run of operator characters the server reads as one operator ({@code =}, {@code <>}, {@code ::}, {@code @@}). */
        OPERATOR,
        /** {@code ( ) [ ] , ; . :} and anything else of one character. */
        PUNCTUATION
    }

    /** True for whitespace and comments, which the server skips. */
    public boolean isNoise() {
        return kind == Kind.WHITESPACE || kind == Kind.COMMENT;
    }

    /** True for a name the server may look up: an identifier, keyword or quoted identifier. */
    public boolean isWord() {
        return kind == Kind.IDENTIFIER || kind == Kind.KEYWORD || kind == Kind.QUOTED_IDENTIFIER;
    }

    /** True when this is the punctuation or operator {@code s}. */
    public boolean is(String s) {
        return (kind == Kind.PUNCTUATION || kind == Kind.OPERATOR) && text.equals(s);
    }
}
