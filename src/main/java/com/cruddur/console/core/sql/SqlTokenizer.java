package com.cruddur.console.core.sql;

import com.cruddur.console.core.sql.SqlToken.Kind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The one reader of PostgreSQL SQL text in the console, following the server's lexer (scan.l) with
 * standard_conforming_strings on (the default since 9.1): every character belongs to exactly one token, so a
 * highlighter can colour the text from it, a splitter can find the semicolons that end statements, and a policy can
 * find every name followed by a parenthesis without being fooled by quotes, comments, case or U&amp;"…" escapes.
 * It never fails: a quote or comment the text ends inside of is one token marked not {@link SqlToken#closed()}.
 */
public final class SqlTokenizer {
    /** NAMEDATALEN - 1: the server cuts longer names to this many bytes before looking them up. */
    static final int MAX_NAME_BYTES = 63;
    /** PostgreSQL's reserved keywords (including those that can be a function or type name). */
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
            "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union",
            "unique", "user", "using", "variadic", "when", "where", "window", "with",
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose");
    private static final String OP_CHARS = "~!@#^&|`?+-*/%<>=";
    /** An operator ending in + or - keeps it only when it also holds one of these (scan.l). */
    private static final String OP_KEEPS_SIGN = "~!@#^&|`?%";

    private final String s;
    private final int[] lineStarts;
    private int lastLine = -1;
    private int lastOffset;
    private int lastColumn;

    /** A reader over {@code text}; positions are computed once for the whole text. */
    public SqlTokenizer(String text) {
        this.s = text;
        this.lineStarts = lineStarts(text);
    }

    /** Every token of {@code text}, whitespace and comments included, in order. */
    public static List<SqlToken> tokenize(String text) {
        SqlTokenizer lexer = new SqlTokenizer(text);
        List<SqlToken> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            SqlToken t = lexer.read(i);
            out.add(t);
            i = t.end();
        }
        return out;
    }

    /** The tokens of {@code text} the server does not skip (no whitespace, no comments). */
    public static List<SqlToken> significant(String text) {
        return tokenize(text).stream().filter(t -> !t.isNoise()).toList();
    }

    /** The token that starts at {@code offset} (which must be where a token starts, e.g. a previous token's end). */
    public SqlToken read(int offset) {
        int i = offset;
        int n = s.length();
        char c = s.charAt(i);
        char next = i + 1 < n ? s.charAt(i + 1) : '\0';
        if (isSpace(c)) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            return token(Kind.WHITESPACE, offset, i, null, true);
        }
        if (c == '-' && next == '-') {
            while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                i++;
            }
            return token(Kind.COMMENT, offset, i, null, true);
        }
        if (c == '/' && next == '*') {
            int end = blockCommentEnd(i);
            return token(Kind.COMMENT, offset, end < 0 ? n : end, null, end >= 0);
        }
        if (c == '\'') {
            return string(offset, offset, false);
        }
        if (c == '"') {
            return quotedIdentifier(offset, offset, false);
        }
        if (isIdentStart(c)) {
            char lower = (char) (c | 0x20);
            if (next == '\'' && (lower == 'e' || lower == 'b' || lower == 'x' || lower == 'n')) {
                return string(offset, i + 1, lower == 'e');
            }
            if (lower == 'u' && next == '&' && i + 2 < n && (s.charAt(i + 2) == '\'' || s.charAt(i + 2) == '"')) {
                return s.charAt(i + 2) == '"' ? quotedIdentifier(offset, i + 2, true) : string(offset, i + 2, false);
            }
            while (i < n && isIdentPart(s.charAt(i))) {
                i++;
            }
            String name = truncate(foldAscii(s.substring(offset, i)));
            return token(RESERVED.contains(name) ? Kind.KEYWORD : Kind.IDENTIFIER, offset, i, name, true);
        }
        if (c == '$') {
            int tagEnd = dollarTagEnd(i);
            if (tagEnd > 0) {
                String tag = s.substring(i, tagEnd);
                int close = s.indexOf(tag, tagEnd);
                int end = close < 0 ? n : close + tag.length();
                String body = s.substring(tagEnd, close < 0 ? n : close);
                return token(Kind.DOLLAR_STRING, offset, end, body, close >= 0);
            }
            if (isDigit(next)) {
                i++;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                return token(Kind.PARAMETER, offset, i, null, true);
            }
            return token(Kind.PUNCTUATION, offset, i + 1, null, true);
        }
        if (isDigit(c) || (c == '.' && isDigit(next))) {
            return token(Kind.NUMBER, offset, numberEnd(i), null, true);
        }
        if (c == ':' && (next == ':' || next == '=')) {
            return token(Kind.OPERATOR, offset, i + 2, null, true);
        }
        if (c == '.' && next == '.') {
            return token(Kind.OPERATOR, offset, i + 2, null, true);
        }
        if (OP_CHARS.indexOf(c) >= 0) {
            return token(Kind.OPERATOR, offset, operatorEnd(i), null, true);
        }
        int width = Character.isHighSurrogate(c) && i + 1 < n ? 2 : 1;
        return token(Kind.PUNCTUATION, offset, i + width, null, true);
    }

    /** A string literal whose opening quote is at {@code quote} ({@code start} includes a prefix such as E or U&amp;). */
    private SqlToken string(int start, int quote, boolean backslashEscapes) {
        int end = quotedEnd(quote, '\'', backslashEscapes);
        boolean closed = end >= 0;
        int stop = closed ? end : s.length();
        String body = s.substring(quote + 1, closed ? stop - 1 : stop);
        String value = backslashEscapes ? SqlStrings.unescapeE(body) : body.replace("''", "'");
        if (quote - start == 2 && closed) {
            value = SqlStrings.decodeUnicode(value, uescapeAfter(stop));
        }
        return token(Kind.STRING, start, stop, value, closed);
    }

    private SqlToken quotedIdentifier(int start, int quote, boolean unicode) {
        int end = quotedEnd(quote, '"', false);
        boolean closed = end >= 0;
        int stop = closed ? end : s.length();
        String name = s.substring(quote + 1, closed ? stop - 1 : stop).replace("\"\"", "\"");
        if (unicode && closed) {
            name = SqlStrings.decodeUnicode(name, uescapeAfter(stop));
        }
        return token(Kind.QUOTED_IDENTIFIER, start, stop, truncate(name), closed);
    }

    /** The escape character a {@code UESCAPE 'c'} after a U&amp; literal names, else the default backslash. */
    private char uescapeAfter(int offset) {
        int i = skipNoise(offset);
        if (i + 7 > s.length() || !s.regionMatches(true, i, "uescape", 0, 7)
                || (i + 7 < s.length() && isIdentPart(s.charAt(i + 7)))) {
            return '\\';
        }
        i = skipNoise(i + 7);
        if (i + 2 < s.length() && s.charAt(i) == '\'' && s.charAt(i + 2) == '\'') {
            return s.charAt(i + 1);
        }
        return '\\';
    }

    private int skipNoise(int i) {
        while (i < s.length()) {
            SqlToken t = read(i);
            if (!t.isNoise()) {
                return i;
            }
            i = t.end();
        }
        return i;
    }

    private SqlToken token(Kind kind, int start, int end, String value, boolean closed) {
        String text = s.substring(start, end);
        int line = lineIndex(start);
        // counted on from the previous token of the same line, so a long one-line statement is read in linear time
        boolean onward = line == lastLine && start >= lastOffset;
        int column = onward ? lastColumn + s.codePointCount(lastOffset, start)
                : s.codePointCount(lineStarts[line], start) + 1;
        lastLine = line;
        lastOffset = start;
        lastColumn = column;
        return new SqlToken(kind, text, value == null ? text : value, start, end, line + 1, column, closed);
    }

    /** scan.l: a run of operator characters, cut before a comment start and stripped of a trailing + or - when the
     *  operator has no character that lets it end in one (so {@code a=-1} is {@code =} then {@code -}). */
    private int operatorEnd(int i) {
        int start = i;
        while (i < s.length() && OP_CHARS.indexOf(s.charAt(i)) >= 0) {
            if (s.startsWith("--", i) || s.startsWith("/*", i)) {
                break;
            }
            i++;
        }
        if (i - start > 1) {
            boolean keepsSign = false;
            for (int k = start; k < i; k++) {
                keepsSign |= OP_KEEPS_SIGN.indexOf(s.charAt(k)) >= 0;
            }
            while (!keepsSign && i - start > 1 && (s.charAt(i - 1) == '+' || s.charAt(i - 1) == '-')) {
                i--;
            }
        }
        return i;
    }

    private int numberEnd(int i) {
        int n = s.length();
        if (s.charAt(i) == '0' && i + 1 < n && "xXoObB".indexOf(s.charAt(i + 1)) >= 0) {
            i += 2;
            while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_') && s.charAt(i) < 0x80) {
                i++;
            }
            return i;
        }
        while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        if (i < n && s.charAt(i) == '.' && !(i + 1 < n && s.charAt(i + 1) == '.')) {
            i++;
            while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            if (j < n && isDigit(s.charAt(j))) {
                i = j;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }

    /** The offset just after the block comment opening at {@code i} (comments nest), or -1 when it never closes. */
    private int blockCommentEnd(int i) {
        int depth = 0;
        while (i < s.length() - 1) {
            if (s.charAt(i) == '/' && s.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (s.charAt(i) == '*' && s.charAt(i + 1) == '/') {
                i += 2;
                if (--depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /** The offset just after the quote opening at {@code i} (doubled quotes stay inside), or -1 when it never closes. */
    private int quotedEnd(int i, char quote, boolean backslashEscapes) {
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
    private int dollarTagEnd(int i) {
        int j = i + 1;
        if (j < s.length() && isIdentStart(s.charAt(j))) {
            while (j < s.length() && isIdentPart(s.charAt(j)) && s.charAt(j) != '$') {
                j++;
            }
        }
        return j < s.length() && s.charAt(j) == '$' ? j + 1 : -1;
    }

    private int lineIndex(int offset) {
        int k = Arrays.binarySearch(lineStarts, offset);
        return k >= 0 ? k : -k - 2;
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** scan.l: ident_start [A-Za-z\200-\377_] (every non-ASCII character is a letter to it). */
    public static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    /** scan.l: ident_cont [A-Za-z\200-\377_0-9\$]. */
    public static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** scan.l: space [ \t\n\r\f\v]. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /** The server folds only ASCII letters of an unquoted name in a UTF-8 database (downcase_identifier). */
    static String foldAscii(String word) {
        StringBuilder sb = new StringBuilder(word.length());
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return sb.toString();
    }

    /** truncate_identifier: names longer than 63 bytes are cut (at a character boundary) before any lookup. */
    static String truncate(String name) {
        int bytes = 0;
        int k = 0;
        while (k < name.length()) {
            int cp = name.codePointAt(k);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > MAX_NAME_BYTES) {
                return name.substring(0, k);
            }
            bytes += size;
            k += Character.charCount(cp);
        }
        return name;
    }
}
