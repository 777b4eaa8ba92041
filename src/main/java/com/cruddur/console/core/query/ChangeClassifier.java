package com.cruddur.console.core.query;

import com.cruddur.console.core.sql.SqlToken;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names what a statement asks to change, for the question a protected profile asks before it commits. It does NOT
 * decide whether the statement changed anything: {@link QueryService#execute} asks the server that (did the
 * transaction get an id, i.e. did it write), so a write hidden in a trigger, a function or a CTE is held all the same.
 * This only puts words on it: each data-modifying part found by the tokenizer (at the start, inside a CTE's
 * parentheses, after EXPLAIN ANALYZE; comments, case and layout do not matter, a quoted "DELETE" is a name) and the
 * dangers the question must name: DELETE or UPDATE without WHERE, DROP (also ALTER … DROP), TRUNCATE.
 */
public final class ChangeClassifier {
    /** What the question names in capitals. */
    public enum Danger {
        DELETE_WITHOUT_WHERE("DELETE without WHERE (every row of the table)"),
        UPDATE_WITHOUT_WHERE("UPDATE without WHERE (every row of the table)"),
        DROP("DROP"),
        TRUNCATE("TRUNCATE (every row of the table)");

        private final String label;

        Danger(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param actions each change the statement asks for, e.g. "DELETE FROM notes", "DROP TABLE notes"
     * @param dangers the dangers among them, in order of appearance, each once
     */
    public record Description(List<String> actions, List<Danger> dangers) {
        /** "DELETE FROM notes — DELETE without WHERE (every row of the table)", for a question. */
        public String summary() {
            String what = actions.isEmpty() ? "a change of data or schema" : String.join(", ", actions);
            if (dangers.isEmpty()) {
                return what;
            }
            return what + " — " + String.join(", ", dangers.stream().map(Danger::label).toList());
        }
    }

    private static final Set<String> STARTERS = Set.of("delete", "update", "insert", "merge", "truncate", "drop",
            "create", "alter", "grant", "revoke", "comment", "reindex", "cluster", "refresh", "security", "import");
    /** Words after which a data-modifying verb starts a (sub)statement: EXPLAIN and its options. */
    private static final Set<String> LEADS = Set.of("explain", "analyze", "analyse", "verbose");

    private ChangeClassifier() {
    }

    /** What {@code statement} asks to change and which dangers to name; empty lists for a plain query. */
    public static Description describe(QueryScript.Statement statement) {
        List<SqlToken> t = statement.tokens();
        List<String> actions = new ArrayList<>();
        Set<Danger> dangers = new LinkedHashSet<>();
        for (int k = 0; k < t.size(); k++) {
            SqlToken token = t.get(k);
            if (!unquotedWord(token) || !STARTERS.contains(token.value()) || !startsStatement(t, k)) {
                continue;
            }
            String verb = token.value();
            int end = endOfPart(t, k);
            actions.add(action(t, k, end));
            switch (verb) {
                case "delete", "update" -> {
                    if (!hasWordAtDepth(t, k, end, "where")) {
                        dangers.add(verb.equals("delete") ? Danger.DELETE_WITHOUT_WHERE : Danger.UPDATE_WITHOUT_WHERE);
                    }
                }
                case "drop" -> dangers.add(Danger.DROP);
                case "alter" -> {
                    if (hasWordAtDepth(t, k, end, "drop")) {
                        dangers.add(Danger.DROP);
                    }
                }
                case "truncate" -> dangers.add(Danger.TRUNCATE);
                default -> {
                    // inserts, creates, grants: named, no danger of their own
                }
            }
        }
        return new Description(List.copyOf(actions), List.copyOf(dangers));
    }

    /** True when the word at {@code k} begins a statement: first, after '(' or ')' (a CTE), or after EXPLAIN's words. */
    private static boolean startsStatement(List<SqlToken> t, int k) {
        if (k == 0) {
            return true;
        }
        SqlToken prev = t.get(k - 1);
        if (prev.is("(")) {
            // "GRANT UPDATE (col)" and "ON DELETE" never put the verb right after '('
            return true;
        }
        if (prev.is(")")) {
            // after a CTE "WITH x AS (...) DELETE" or EXPLAIN's options "EXPLAIN (ANALYZE) DELETE"
            return true;
        }
        return unquotedWord(prev) && LEADS.contains(prev.value()) && explainBefore(t, k);
    }

    private static boolean explainBefore(List<SqlToken> t, int k) {
        for (int i = k - 1; i >= 0 && unquotedWord(t.get(i)) && LEADS.contains(t.get(i).value()); i--) {
            if (t.get(i).value().equals("explain")) {
                return true;
            }
        }
        return false;
    }

    /** The index after the part that starts at {@code k}: the ')' that closes its parenthesis, or the end. */
    private static int endOfPart(List<SqlToken> t, int k) {
        int depth = 0;
        for (int i = k; i < t.size(); i++) {
            if (t.get(i).is("(")) {
                depth++;
            } else if (t.get(i).is(")")) {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return t.size();
    }

    private static boolean hasWordAtDepth(List<SqlToken> t, int from, int end, String word) {
        int depth = 0;
        for (int i = from + 1; i < end; i++) {
            SqlToken x = t.get(i);
            if (x.is("(")) {
                depth++;
            } else if (x.is(")")) {
                depth--;
            } else if (depth == 0 && unquotedWord(x) && x.value().equals(word)) {
                return true;
            }
        }
        return false;
    }

    /** The verb and what follows up to the first name it acts on, e.g. "DROP TABLE IF EXISTS notes". */
    private static String action(List<SqlToken> t, int k, int end) {
        StringBuilder b = new StringBuilder(t.get(k).value().toUpperCase(Locale.ROOT));
        int limit = Math.min(end, k + 8);
        for (int i = k + 1; i < limit; i++) {
            SqlToken x = t.get(i);
            if (!x.isWord() && !x.is(".")) {
                break;
            }
            boolean keyword = unquotedWord(x) && (x.kind() == SqlToken.Kind.KEYWORD || isObjectWord(x.value()));
            if (x.is(".")) {
                b.append('.');
            } else {
                if (b.charAt(b.length() - 1) != '.') {
                    b.append(' ');
                }
                b.append(keyword ? x.value().toUpperCase(Locale.ROOT) : x.text());
            }
            if (!keyword && !(i + 1 < limit && t.get(i + 1).is("."))) {
                break; // the name: enough to say what it acts on
            }
        }
        return b.toString();
    }

    private static boolean isObjectWord(String w) {
        return Set.of("table", "index", "view", "materialized", "schema", "sequence", "function", "procedure",
                "type", "if", "exists", "into", "only", "from", "database", "role", "user", "trigger", "extension",
                "column", "constraint", "policy", "domain", "not", "unique", "temporary", "temp", "or", "replace",
                "concurrently", "cascade").contains(w);
    }

    private static boolean unquotedWord(SqlToken t) {
        return t.kind() == SqlToken.Kind.IDENTIFIER || t.kind() == SqlToken.Kind.KEYWORD;
    }
}
