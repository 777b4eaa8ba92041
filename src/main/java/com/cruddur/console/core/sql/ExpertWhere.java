package com.cruddur.console.core.sql;


/**
 * Reads the expert WHERE text by PostgreSQL's lexical rules (scan.l, with standard_conforming_strings on, the default
 * since 9.1) before it is wrapped in our parentheses, to give a clear message for what cannot work: a ';' (a second
 * statement), a ')' closing our '(' (text that escapes the other conditions), a '?' or '$1' (bind parameters to the
 * driver and the server), a JDBC '{' escape, or an unclosed quote or comment.
 *
 * <p>This lexer is for messages and for our parentheses only. What keeps user text to one statement is
 * {@link OneStatement} (the driver's own splitter, over the whole SQL, for both readings of backslashes), the server
 * (a Parse message holds one statement; COPY's SELECT is parsed by the server first) and the read-only transaction.
 */
public final class ExpertWhere {
    private final String t;
    private int i;
    /** True right after a word: an E, U& or $ there continues it (or is a new token that cannot open a quote). */
    private boolean afterWord;

    private ExpertWhere(String text) {
        this.t = text;
    }

    /** The stripped text, or null when there is none; throws a {@link UserSqlRefusedException} saying what to change. */
    public static String check(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        new ExpertWhere(t).scan();
        return t;
    }

    private void scan() {
        int depth = 0;
        int n = t.length();
        while (i < n) {
            char c = t.charAt(i);
            boolean tokenStart = !afterWord;
            afterWord = false;
            if (c == '\'') {
                skipString(false);
            } else if (tokenStart && (c == 'E' || c == 'e') && at(i + 1, '\'')) {
                i++;
                skipString(true);
            } else if (tokenStart && (c == 'U' || c == 'u') && at(i + 1, '&') && (at(i + 2, '\'') || at(i + 2, '"'))) {
                i += 2;
                if (at(i, '\'')) {
                    skipString(false);
                } else {
                    skipQuotedName();
                }
            } else if (c == '"') {
                skipQuotedName();
            } else if (c == '-' && at(i + 1, '-')) {
                while (i < n && t.charAt(i) != '\n' && t.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '/' && at(i + 1, '*')) {
                skipBlockComment();
            } else if (c == '$' && tokenStart && dollarTagEnd() > 0) {
                skipDollarQuoted();
            } else if (c == '$' && tokenStart && i + 1 < n && Character.isDigit(t.charAt(i + 1))) {
                // the server would take it for one of our bind parameters (and the count would not match)
                throw bad("'$" + t.charAt(i + 1) + "' is a parameter reference — write the value itself, e.g. handle = 'bayko'");
            } else if (identifierStart(c)) {
                // a whole word, so that an E, U or $ inside it is never taken for the start of a quote
                while (i < n && identifierPart(t.charAt(i))) {
                    i++;
                }
                afterWord = true;
            } else {
                switch (c) {
                    case ';' -> throw bad("';' ends a statement — write one condition, without ';' outside quotes "
                            + "(inside them it is fine: handle = 'a;b')");
                    case '?' -> throw bad("'?' is a parameter marker to the driver — for jsonb write "
                            + "jsonb_exists(col, 'key') instead of col ? 'key'");
                    case '{', '}' -> throw bad("'" + c + "' is JDBC escape syntax, not SQL — write plain PostgreSQL");
                    case '(' -> depth++;
                    case ')' -> {
                        if (--depth < 0) {
                            throw bad("a ')' has no matching '(' — the text must be one condition with balanced parentheses");
                        }
                    }
                    default -> { }
                }
                i++;
            }
        }
        if (depth != 0) {
            throw bad("a '(' is not closed — add the missing ')'");
        }
    }

    private boolean at(int index, char c) {
        return index < t.length() && t.charAt(index) == c;
    }

    /** At a quote: to after the closing quote; '' is a quote inside, and with escapes so is \'. */
    private void skipString(boolean backslashEscapes) {
        i++;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (!at(i + 1, '\'')) {
                    i++;
                    return;
                }
                i += 2;
            } else {
                i++;
            }
        }
        throw bad("a string literal is not closed — add the missing '");
    }

    private void skipQuotedName() {
        i++;
        while (i < t.length()) {
            if (t.charAt(i) == '"') {
                if (!at(i + 1, '"')) {
                    i++;
                    return;
                }
                i += 2;
            } else {
                i++;
            }
        }
        throw bad("a quoted name is not closed — add the missing \"");
    }

    /** Block comments nest in PostgreSQL (unlike C): each opener needs its own closer. */
    private void skipBlockComment() {
        int level = 0;
        while (i < t.length() - 1) {
            if (t.charAt(i) == '/' && t.charAt(i + 1) == '*') {
                level++;
                i += 2;
            } else if (t.charAt(i) == '*' && t.charAt(i + 1) == '/') {
                i += 2;
                if (--level == 0) {
                    return;
                }
            } else {
                i++;
            }
        }
        throw bad("a /* comment is not closed — add the missing */");
    }

    private void skipDollarQuoted() {
        int tagEnd = dollarTagEnd();
        String tag = t.substring(i, tagEnd + 1);
        int close = t.indexOf(tag, tagEnd + 1);
        if (close < 0) {
            throw bad("a $-quoted string is not closed — add the closing " + tag);
        }
        i = close + tag.length();
    }

    /** Index of the closing '$' of a $tag$ (or $$) opener at i, or -1 ($1 is a parameter, not a quote). */
    private int dollarTagEnd() {
        int j = i + 1;
        if (j < t.length() && identifierStart(t.charAt(j))) {
            j++;
            while (j < t.length() && identifierPart(t.charAt(j)) && t.charAt(j) != '$') {
                j++;
            }
        }
        return at(j, '$') ? j : -1;
    }

    /** scan.l: ident_start [A-Za-z\200-\377_] (every non-ASCII character is a letter to it). */
    private static boolean identifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    /** scan.l: ident_cont [A-Za-z\200-\377_0-9\$]. */
    private static boolean identifierPart(char c) {
        return identifierStart(c) || (c >= '0' && c <= '9') || c == '$';
    }

    private static UserSqlRefusedException bad(String why) {
        return new UserSqlRefusedException("the WHERE text cannot be used: " + why);
    }
}
