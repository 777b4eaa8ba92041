package com.cruddur.console.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of one statement as the server's lexer sees them, for deciding what kind of statement it is, read by the
 * console's one tokenizer ({@link SqlTokenizer}): whitespace and comments skipped, words upper-cased, a string literal
 * kept with its quotes ({@code 'on'}, an {@code E} prefix dropped), a quoted identifier kept as written (so
 * {@code "abort"} is no keyword), anything else as the tokenizer reads it. {@link SqlScript} splits with the same
 * tokenizer, so the two never disagree about where a quote or comment ends.
 */
public final class SqlTokens {
    private SqlTokens() {
    }

    /** The first {@code max} tokens of {@code text}. */
    public static List<String> read(String text, int max) {
        List<String> out = new ArrayList<>();
        SqlTokenizer lexer = new SqlTokenizer(text);
        int i = 0;
        while (i < text.length() && out.size() < max) {
            SqlToken t = lexer.read(i);
            i = t.end();
            if (t.isNoise()) {
                continue;
            }
            String s = t.text();
            switch (t.kind()) {
                case IDENTIFIER, KEYWORD -> out.add(s.toUpperCase(Locale.ROOT));
                case STRING -> out.add(s.charAt(0) == 'E' || s.charAt(0) == 'e' ? s.substring(1) : s);
                default -> out.add(s);
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
}
