package com.cruddur.console.core.browse;

/**
 * Checks the expert WHERE text before it is wrapped in parentheses. The read-only transaction is what
 * stops writes; this check stops the text from leaving that transaction or our parentheses:
 * no ';' (a second statement could COMMIT), no ')' closing our '(' and no '?' (a bind marker to the driver),
 * each outside string literals, quoted names and comments.
 */
final class ExpertWhere {
    private ExpertWhere() {
    }

    static String check(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        int depth = 0;
        int i = 0;
        int n = t.length();
        while (i < n) {
            char c = t.charAt(i);
            if (c == '\'' ) {
                boolean escapes = i > 0 && (t.charAt(i - 1) == 'E' || t.charAt(i - 1) == 'e');
                i = skipQuoted(t, i, '\'', escapes);
            } else if (c == '"') {
                i = skipQuoted(t, i, '"', false);
            } else if (c == '-' && i + 1 < n && t.charAt(i + 1) == '-') {
                int nl = t.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '/' && i + 1 < n && t.charAt(i + 1) == '*') {
                i = skipBlockComment(t, i);
            } else if (c == '$' && dollarTagEnd(t, i) > 0) {
                int tagEnd = dollarTagEnd(t, i);
                String tag = t.substring(i, tagEnd + 1);
                int close = t.indexOf(tag, tagEnd + 1);
                if (close < 0) {
                    throw bad("a $-quoted string is not closed");
                }
                i = close + tag.length();
            } else {
                if (c == ';') {
                    throw bad("';' is not allowed — write one condition, not statements");
                }
                if (c == '?') {
                    throw bad("'?' is not allowed (the driver takes it for a parameter) — for jsonb use jsonb_exists(col, 'key')");
                }
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth < 0) {
                    throw bad("a ')' has no matching '('");
                }
                i++;
            }
        }
        if (depth != 0) {
            throw bad("a '(' is not closed");
        }
        return t;
    }

    private static int skipQuoted(String t, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < t.length() && t.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw bad(quote == '\'' ? "a string literal is not closed (missing ')" : "a quoted name is not closed (missing \")");
    }

    private static int skipBlockComment(String t, int start) {
        int depth = 0;
        int i = start;
        while (i < t.length() - 1) {
            if (t.charAt(i) == '/' && t.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (t.charAt(i) == '*' && t.charAt(i + 1) == '/') {
                i += 2;
                if (--depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        throw bad("a /* comment is not closed");
    }

    /** Index of the closing '$' of a $tag$ opener at {@code i}, or -1 when it is not one (e.g. $1). */
    private static int dollarTagEnd(String t, int i) {
        if (i > 0 && (Character.isLetterOrDigit(t.charAt(i - 1)) || t.charAt(i - 1) == '_')) {
            return -1;
        }
        int j = i + 1;
        while (j < t.length() && (Character.isLetter(t.charAt(j)) || t.charAt(j) == '_'
                || (j > i + 1 && Character.isDigit(t.charAt(j))))) {
            j++;
        }
        return j < t.length() && t.charAt(j) == '$' ? j : -1;
    }

    private static BrowseException bad(String why) {
        return new BrowseException("the WHERE text cannot be used: " + why);
    }
}
