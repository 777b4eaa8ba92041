package com.cruddur.console.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of one statement as the server's lexer sees them, for deciding what kind of statement it is:
 * whitespace and comments ({@code --}, nested block comments) skipped, keywords upper-cased, a string literal
 * kept with its quotes ({@code 'on'}), a quoted identifier kept as written (so {@code "abort"} is no keyword),
 * any other character one token. The lexing helpers here are the ones {@link SqlScript}'s splitter uses, so the
 * two never disagree about where a quote or comment ends.
 */
public final class SqlTokens {
    private SqlTokens() {
    }

    /** The first {@code max} tokens of {@code text}. */
    public static List<String> read(String text, int max) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n && out.size() < max) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : '\0';
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && next == '-') {
                int eol = text.indexOf('\n', i);
                i = eol < 0 ? n : eol;
            } else if (c == '/' && next == '*') {
                i = orEnd(blockCommentEnd(text, i), n);
            } else if (c == '\'') {
                i = orEnd(quotedEnd(text, i, '\'', false), n);
                out.add(text.substring(start, i));
            } else if ((c == 'E' || c == 'e') && next == '\'') {
                i = orEnd(quotedEnd(text, i + 1, '\'', true), n);
                out.add(text.substring(start + 1, i));
            } else if (c == '"') {
                i = orEnd(quotedEnd(text, i, '"', false), n);
                out.add(text.substring(start, i));
            } else if (isIdentStart(c)) {
                while (i < n && isIdentPart(text.charAt(i))) {
                    i++;
                }
                out.add(text.substring(start, i).toUpperCase(Locale.ROOT));
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                out.add(text.substring(start, i));
            } else if (c == '$' && dollarTagEnd(text, i) > 0) {
                int tagEnd = dollarTagEnd(text, i);
                String tag = text.substring(i, tagEnd);
                int close = text.indexOf(tag, tagEnd);
                i = close < 0 ? n : close + tag.length();
                out.add(text.substring(start, i));
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }

    /** A string literal's value without its quotes (doubled quotes undone), or the token itself for a word. */
    public static String value(String token) {
        if (token.length() >= 2 && token.startsWith("'") && token.endsWith("'")) {
            return token.substring(1, token.length() - 1).replace("''", "'");
        }
        return token;
    }

    private static int orEnd(int end, int length) {
        return end < 0 ? length : end;
    }

    /** The offset just after the block comment opening at {@code i} (comments nest), or -1 when it never closes. */
    static int blockCommentEnd(String s, int i) {
        int depth = 0;
        while (i < s.length()) {
            if (s.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (s.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /** The offset just after the quote opening at {@code i} (doubled quotes stay inside), or -1 when it never closes. */
    static int quotedEnd(String s, int i, char quote, boolean backslashEscapes) {
        i++;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /** The end of a {@code $tag$} opening at {@code i}, or -1 when this is no dollar quote (e.g. {@code $1}). */
    static int dollarTagEnd(String s, int i) {
        int j = i + 1;
        if (j < s.length() && isIdentStart(s.charAt(j))) {
            while (j < s.length() && isIdentPart(s.charAt(j)) && s.charAt(j) != '$') {
                j++;
            }
        }
        return j < s.length() && s.charAt(j) == '$' ? j + 1 : -1;
    }

    static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c >= 0x80;
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || Character.isDigit(c) || c == '$';
    }
}
