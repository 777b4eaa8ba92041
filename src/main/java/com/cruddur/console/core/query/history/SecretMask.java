package com.cruddur.console.core.query.history;

import com.cruddur.console.core.sql.SqlToken;
import com.cruddur.console.core.sql.SqlTokenizer;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Takes passwords out of SQL text before it is kept: the literal after the keyword PASSWORD (ALTER ROLE … PASSWORD
 * '…', CREATE USER … ENCRYPTED PASSWORD $$…$$), and inside any quoted text a {@code password=…} setting or the
 * password of a {@code postgresql://user:password@host} address (dblink, postgres_fdw options). Read with the
 * project's one tokenizer, so case, comments and line breaks between the keyword and the literal change nothing; a
 * column named password set to a literal ({@code SET password = '…'}) is masked too.
 */
public final class SecretMask {
    /** What a masked literal becomes. */
    public static final String MASK = "'***'";
    private static final Pattern SETTING = Pattern.compile("(?i)(password\\s*=\\s*)('[^']*'|\\S+)");
    private static final Pattern URI_PASSWORD = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^:/@\\s]*:)[^@\\s]*(@)");

    private SecretMask() {
    }

    /** {@code sql} with every password literal replaced by {@link #MASK}. */
    public static String mask(String sql) {
        List<SqlToken> tokens = SqlTokenizer.tokenize(sql);
        StringBuilder out = new StringBuilder(sql.length());
        boolean afterPassword = false;
        int copied = 0;
        for (SqlToken t : tokens) {
            boolean literal = t.kind() == SqlToken.Kind.STRING || t.kind() == SqlToken.Kind.DOLLAR_STRING;
            if (literal) {
                out.append(sql, copied, t.start());
                out.append(afterPassword ? MASK : maskInside(t.text()));
                copied = t.end();
            }
            if (!t.isNoise()) {
                // "password 'x'" and "password = 'x'" (a column of that name set to a literal)
                afterPassword = t.isWord() && t.value().equals("password")
                        || afterPassword && t.kind() == SqlToken.Kind.OPERATOR && t.text().equals("=");
            }
        }
        out.append(sql, copied, sql.length());
        return out.toString();
    }

    private static String maskInside(String literal) {
        String s = SETTING.matcher(literal).replaceAll("$1***");
        return URI_PASSWORD.matcher(s).replaceAll("$1***$2");
    }
}
