package com.cruddur.console.core.sql;

/**
 * Reads the expert WHERE text with the console's one tokenizer ({@link SqlTokenizer}, PostgreSQL's lexical rules with
 * standard_conforming_strings on, the default since 9.1) before it is wrapped in our parentheses, to give a clear
 * message for what cannot work: a ';' (a second statement), a ')' closing our '(' (text that escapes the other
 * conditions), a '?' or '$1' (bind parameters to the driver and the server), a JDBC '{' escape, or an unclosed quote
 * or comment.
 *
 * <p>This reading is for messages and for our parentheses only. What keeps user text to one statement is
 * {@link OneStatement} (the driver's own splitter, over the whole SQL, for both readings of backslashes), the server
 * (a Parse message holds one statement; COPY's SELECT is parsed by the server first) and the read-only transaction.
 */
public final class ExpertWhere {
    private ExpertWhere() {
    }

    /** The stripped text, or null when there is none; throws a {@link UserSqlRefusedException} saying what to change. */
    public static String check(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        int depth = 0;
        for (SqlToken token : SqlTokenizer.tokenize(t)) {
            if (!token.closed()) {
                throw bad(unclosed(token));
            }
            String s = token.text();
            switch (token.kind()) {
                case PARAMETER -> throw bad("'" + s + "' is a parameter reference — write the value itself,"
                        + " e.g. handle = 'bayko'");
                case OPERATOR -> {
                    if (s.indexOf('?') >= 0) {
                        throw bad("'?' is a parameter marker to the driver — for jsonb write "
                                + "jsonb_exists(col, 'key') instead of col ? 'key'");
                    }
                }
                case PUNCTUATION -> {
                    switch (s) {
                        case ";" -> throw bad("';' ends a statement — write one condition, without ';' outside quotes "
                                + "(inside them it is fine: handle = 'a;b')");
                        case "{", "}" -> throw bad("'" + s + "' is JDBC escape syntax, not SQL — write plain PostgreSQL");
                        case "(" -> depth++;
                        case ")" -> {
                            if (--depth < 0) {
                                throw bad("a ')' has no matching '(' — the text must be one condition with balanced"
                                        + " parentheses");
                            }
                        }
                        default -> { }
                    }
                }
                default -> { }
            }
        }
        if (depth != 0) {
            throw bad("a '(' is not closed — add the missing ')'");
        }
        return t;
    }

    private static String unclosed(SqlToken token) {
        return switch (token.kind()) {
            case STRING -> "a string literal is not closed — add the missing '";
            case QUOTED_IDENTIFIER -> "a quoted name is not closed — add the missing \"";
            case COMMENT -> "a /* comment is not closed — add the missing */";
            default -> {
                String tag = token.text().substring(0, token.text().indexOf('$', 1) + 1);
                yield "a $-quoted string is not closed — add the closing " + tag;
            }
        };
    }

    private static UserSqlRefusedException bad(String why) {
        return new UserSqlRefusedException("the WHERE text cannot be used: " + why);
    }
}
