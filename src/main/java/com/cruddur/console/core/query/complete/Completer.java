package com.cruddur.console.core.query.complete;

import com.cruddur.console.core.sql.SqlToken;
import com.cruddur.console.core.sql.SqlTokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One completion request: reads the text around the caret with {@link SqlTokenizer} and picks from the catalog. */
final class Completer {
    /** The most candidates returned: a list longer than this is no help. */
    static final int MAX = 200;
    static final List<String> KEYWORDS = List.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "NULL", "IS", "IN",
            "EXISTS", "BETWEEN", "LIKE", "ILIKE", "AS", "DISTINCT", "JOIN", "LEFT", "RIGHT", "INNER", "FULL", "OUTER",
            "CROSS", "LATERAL", "ON", "USING", "GROUP BY", "ORDER BY", "HAVING", "LIMIT", "OFFSET", "ASC", "DESC",
            "NULLS FIRST", "NULLS LAST", "UNION", "ALL", "INTERSECT", "EXCEPT", "CASE", "WHEN", "THEN", "ELSE", "END",
            "CAST", "WITH", "INSERT INTO", "VALUES", "UPDATE", "SET", "DELETE FROM", "RETURNING", "CREATE", "ALTER",
            "DROP", "TRUNCATE", "TABLE", "VIEW", "INDEX", "EXPLAIN", "ANALYZE", "BEGIN", "COMMIT", "ROLLBACK", "TRUE",
            "FALSE", "OVER", "PARTITION BY", "FILTER", "WINDOW", "FETCH FIRST", "ROWS ONLY");
    /** After these words a relation name is expected. */
    private static final Set<String> RELATION_CONTEXT = Set.of("from", "join", "update", "into", "table", "truncate",
            "only");
    /** Words that end a FROM item and so are never its alias. */
    private static final Set<String> NOT_ALIAS = Set.of("set", "values", "select", "default", "where", "returning",
            "on", "using", "join", "left", "right", "inner", "full", "cross", "natural", "group", "order", "limit",
            "offset", "window", "having", "union", "except", "intersect", "fetch", "for", "tablesample", "lateral");

    private final CompletionCatalog cat;
    private final String text;
    private final int caret;

    Completer(CompletionCatalog cat, String text, int caret) {
        this.cat = cat;
        this.text = text;
        this.caret = Math.max(0, Math.min(caret, text.length()));
    }

    List<Completion> candidates() {
        List<SqlToken> all = SqlTokenizer.tokenize(text);
        SqlToken at = null;
        for (SqlToken t : all) {
            if (t.start() < caret && caret <= t.end()) {
                at = t;
            }
        }
        String prefix = "";
        boolean quoted = false;
        int from = caret;
        if (at != null) {
            switch (at.kind()) {
                case STRING, DOLLAR_STRING, NUMBER, PARAMETER -> {
                    return List.of();
                }
                case COMMENT -> {
                    if (caret < at.end() || !at.closed() || at.text().startsWith("--")) {
                        return List.of();
                    }
                }
                case QUOTED_IDENTIFIER -> {
                    if (!at.text().startsWith("\"")) {
                        return List.of(); // U&"…": left alone
                    }
                    prefix = text.substring(at.start() + 1, Math.min(caret, at.closed() ? at.end() - 1 : caret))
                            .replace("\"\"", "\"");
                    quoted = true;
                    from = at.start();
                }
                case IDENTIFIER, KEYWORD -> {
                    prefix = text.substring(at.start(), caret);
                    from = at.start();
                }
                default -> {
                    // after punctuation, an operator or whitespace: nothing begun
                }
            }
        }
        List<SqlToken> statement = statementAround(all, from);
        int start = from;
        List<SqlToken> before = statement.stream().filter(t -> t.end() <= start).toList();
        Matcher m = new Matcher(prefix, quoted, from);
        int n = before.size();
        if (n >= 2 && before.get(n - 1).is(".") && before.get(n - 2).isWord()) {
            String q = before.get(n - 2).value();
            if (n >= 4 && before.get(n - 3).is(".") && before.get(n - 4).isWord()) {
                columnsOf(before.get(n - 4).value(), q, m);
            } else {
                qualified(q, aliases(statement), m);
            }
        } else if (n >= 1 && before.get(n - 1).isWord() && RELATION_CONTEXT.contains(before.get(n - 1).value())
                && before.get(n - 1).kind() != SqlToken.Kind.QUOTED_IDENTIFIER) {
            relations(m);
            cat.schemas.forEach(s -> m.offer(s, Completion.Kind.SCHEMA, "schema"));
        } else {
            for (CompletionCatalog.Relation r : aliases(statement).values()) {
                for (CompletionCatalog.Column c : cat.columns.getOrDefault(CompletionCatalog.key(r.schema(), r.name()),
                        List.of())) {
                    m.offer(c.name(), Completion.Kind.COLUMN, r.name() + " · " + c.type());
                }
            }
            relations(m);
            if (!prefix.isEmpty()) {
                // thousands of built-in functions: offered once a letter narrows them
                for (CompletionCatalog.Function f : cat.functions) {
                    if (cat.searchPath.contains(f.schema())) {
                        m.offer(f.name(), Completion.Kind.FUNCTION, f.name() + "(" + f.arguments() + ")");
                    }
                }
            }
            cat.schemas.forEach(s -> m.offer(s, Completion.Kind.SCHEMA, "schema"));
            if (!quoted) {
                KEYWORDS.forEach(k -> m.keyword(k));
            }
        }
        return m.result();
    }

    /** After {@code q.}: the columns of the alias or table q, and the relations and functions of schema q. */
    private void qualified(String q, Map<String, CompletionCatalog.Relation> aliases, Matcher m) {
        CompletionCatalog.Relation r = aliases.get(q);
        if (r == null) {
            r = resolve(null, q);
        }
        if (r != null) {
            columnsOf(r.schema(), r.name(), m);
        }
        if (cat.schemas.contains(q)) {
            for (CompletionCatalog.Relation x : cat.relations) {
                if (x.schema().equals(q)) {
                    m.offer(x.name(), x.view() ? Completion.Kind.VIEW : Completion.Kind.TABLE, q);
                }
            }
            for (CompletionCatalog.Function f : cat.functions) {
                if (f.schema().equals(q)) {
                    m.offer(f.name(), Completion.Kind.FUNCTION, f.name() + "(" + f.arguments() + ")");
                }
            }
        }
    }

    private void columnsOf(String schema, String table, Matcher m) {
        CompletionCatalog.Relation r = resolve(schema, table);
        if (r == null) {
            return;
        }
        for (CompletionCatalog.Column c : cat.columns.getOrDefault(CompletionCatalog.key(r.schema(), r.name()), List.of())) {
            m.offer(c.name(), Completion.Kind.COLUMN, c.type());
        }
    }

    private void relations(Matcher m) {
        for (CompletionCatalog.Relation r : cat.relations) {
            if (cat.searchPath.contains(r.schema())) {
                m.offer(r.name(), r.view() ? Completion.Kind.VIEW : Completion.Kind.TABLE, r.schema());
            }
        }
    }

    /** The relation {@code schema.name}, or with no schema the first of that name along the search path. */
    private CompletionCatalog.Relation resolve(String schema, String name) {
        if (schema != null) {
            return cat.relations.stream().filter(r -> r.schema().equals(schema) && r.name().equals(name)).findFirst()
                    .orElse(null);
        }
        for (String s : cat.searchPath) {
            for (CompletionCatalog.Relation r : cat.relations) {
                if (r.schema().equals(s) && r.name().equals(name)) {
                    return r;
                }
            }
        }
        return null;
    }

    /** The significant tokens of the statement holding {@code offset} (between the semicolons around it). */
    private static List<SqlToken> statementAround(List<SqlToken> all, int offset) {
        List<SqlToken> current = new ArrayList<>();
        for (SqlToken t : all) {
            if (t.is(";")) {
                if (t.start() >= offset) {
                    break;
                }
                current.clear();
            } else if (!t.isNoise()) {
                current.add(t);
            }
        }
        return current;
    }

    /** Relations named after FROM, JOIN, UPDATE, INTO (and after commas in a FROM list), by alias and by name. */
    private Map<String, CompletionCatalog.Relation> aliases(List<SqlToken> t) {
        Map<String, CompletionCatalog.Relation> out = new HashMap<>();
        boolean inFrom = false;
        for (int k = 0; k < t.size(); k++) {
            SqlToken x = t.get(k);
            boolean word = x.isWord() && x.kind() != SqlToken.Kind.QUOTED_IDENTIFIER;
            if (word && (x.value().equals("from") || x.value().equals("join") || x.value().equals("update")
                    || x.value().equals("into"))) {
                inFrom = x.value().equals("from") || x.value().equals("join");
                k = item(t, k + 1, out) - 1;
            } else if (inFrom && x.is(",")) {
                k = item(t, k + 1, out) - 1;
            } else if (word && Set.of("where", "group", "order", "limit", "having", "set", "returning")
                    .contains(x.value())) {
                inFrom = false;
            }
        }
        return out;
    }

    /** Reads {@code [ONLY] [schema.]name [[AS] alias]} from {@code k}; returns the index after it. */
    private int item(List<SqlToken> t, int k, Map<String, CompletionCatalog.Relation> out) {
        if (k < t.size() && t.get(k).isWord() && t.get(k).value().equals("only")) {
            k++;
        }
        if (k >= t.size() || !t.get(k).isWord()) {
            return k;
        }
        String schema = null;
        String name = t.get(k).value();
        if (k + 2 < t.size() && t.get(k + 1).is(".") && t.get(k + 2).isWord()) {
            schema = name;
            name = t.get(k + 2).value();
            k += 2;
        }
        k++;
        CompletionCatalog.Relation r = resolve(schema, name);
        if (r == null) {
            return k;
        }
        out.putIfAbsent(name, r);
        if (k < t.size() && t.get(k).isWord() && t.get(k).value().equals("as")
                && t.get(k).kind() != SqlToken.Kind.QUOTED_IDENTIFIER) {
            k++;
        }
        if (k < t.size() && t.get(k).isWord() && (t.get(k).kind() != SqlToken.Kind.KEYWORD)
                && !(t.get(k).kind() == SqlToken.Kind.IDENTIFIER && NOT_ALIAS.contains(t.get(k).value()))) {
            out.put(t.get(k).value(), r);
            k++;
        }
        return k;
    }

    /** Collects candidates that fit what was typed, once each, in kind order then by name. */
    private static final class Matcher {
        private final String prefix;
        private final boolean quoted;
        private final int from;
        private final Set<Completion> found = new LinkedHashSet<>();

        Matcher(String prefix, boolean quoted, int from) {
            this.prefix = prefix;
            this.quoted = quoted;
            this.from = from;
        }

        void offer(String name, Completion.Kind kind, String detail) {
            boolean fits = quoted ? name.startsWith(prefix)
                    : name.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT));
            if (fits) {
                String bare = kind == Completion.Kind.FUNCTION && name.matches("[a-z_][a-z0-9_]*") ? name : null;
                found.add(new Completion(quoted ? quote(name) : bare != null ? bare : quoteIfNeeded(name), kind,
                        detail, from));
            }
        }

        void keyword(String k) {
            if (k.startsWith(prefix.toUpperCase(Locale.ROOT))) {
                boolean lower = !prefix.isEmpty() && prefix.equals(prefix.toLowerCase(Locale.ROOT));
                found.add(new Completion(lower ? k.toLowerCase(Locale.ROOT) : k, Completion.Kind.KEYWORD, "keyword",
                        from));
            }
        }

        List<Completion> result() {
            return found.stream().sorted(Comparator.comparing(Completion::kind)
                    .thenComparing(c -> c.insertText().toLowerCase(Locale.ROOT))).limit(MAX).toList();
        }
    }

    /**
     * The name as typed in SQL: bare when the server reads it back unchanged, else in double quotes (a function named
     * like a keyword, e.g. left, stays bare: the grammar lets those be called).
     */
    static String quoteIfNeeded(String name) {
        List<SqlToken> t = SqlTokenizer.tokenize(name);
        boolean bare = t.size() == 1 && t.get(0).kind() == SqlToken.Kind.IDENTIFIER && t.get(0).value().equals(name)
                && t.get(0).text().equals(name);
        return bare ? name : quote(name);
    }

    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
