package com.cruddur.console.core.query;

import java.util.List;
import java.util.Set;

/**
 * What a protected (production or read-only) target refuses before anything runs: more than one statement, and
 * statements that end, open or reshape the transaction or the session, since the read-only transaction the console
 * opens is the wall those would climb. The first word is the server's folded keyword, so case, quoting of spaces or
 * comments do not change the verdict.
 */
final class ProtectedSqlRules {
    /** Transaction control and session settings, by the statement's first word. */
    private static final Set<String> SESSION_WORDS = Set.of("begin", "start", "commit", "end", "rollback", "abort",
            "savepoint", "release", "prepare", "set", "reset", "discard", "load", "listen", "unlisten", "notify",
            "lock", "checkpoint", "vacuum", "copy", "do", "call", "deallocate", "execute");

    private ProtectedSqlRules() {
    }

    /** Throws QueryRefusedException when {@code statements} may not run on a protected target. */
    static void check(List<QueryScript.Statement> statements, QueryScript script) {
        if (statements.size() > 1) {
            QueryScript.Statement second = statements.get(1);
            throw new QueryRefusedException("the text holds " + statements.size() + " statements (the second starts at "
                    + script.lineColumn(second.start()) + "): this profile is protected, so one statement runs at a"
                    + " time — run them one by one");
        }
        for (QueryScript.Statement s : statements) {
            String word = s.firstWord();
            if (SESSION_WORDS.contains(word)) {
                throw new QueryRefusedException("\"" + abbreviate(s.text()) + "\" (" + script.lineColumn(s.start())
                        + ") is refused: this profile is protected, and " + word.toUpperCase(java.util.Locale.ROOT)
                        + " statements (transaction control, session settings, COPY, DO, CALL and the like) may not"
                        + " run here — the console keeps the session read-only; use a dev profile or an admin tool");
            }
        }
    }

    static String abbreviate(String text) {
        String one = text.replaceAll("\\s+", " ");
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }
}
