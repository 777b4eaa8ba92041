package com.cruddur.console.core.query;

import com.cruddur.console.core.sql.SqlToken;
import com.cruddur.console.core.sql.SqlTokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A script cut into statements at the semicolons the project's one tokenizer ({@link SqlTokenizer}) sees outside
 * quotes, dollar quotes and comments, so each piece sent to the server is exactly one statement.
 */
public final class QueryScript {
    /** One statement: its text (from its first significant token to its last) and where it starts in the script. */
    public record Statement(String text, int start, int line, int column, List<SqlToken> tokens) {
        /** The first word, lower case (folded as the server folds it), or "" when the statement starts otherwise. */
        public String firstWord() {
            return tokens.isEmpty() || !tokens.get(0).isWord() ? "" : tokens.get(0).value();
        }

        /** Whether it returns rows, so it runs inside a transaction where a cursor can stream them. */
        public boolean returnsRows() {
            return ROW_WORDS.contains(firstWord());
        }
    }

    /** Rows fetched per round trip when a statement's rows stream through a cursor: the most held at once. */
    public static final int FETCH_SIZE = 1000;
    private static final Set<String> ROW_WORDS = Set.of("select", "with", "values", "table", "show", "explain", "fetch");

    private final String text;
    private final List<Statement> statements;

    private QueryScript(String text, List<Statement> statements) {
        this.text = text;
        this.statements = statements;
    }

    /** The statements of {@code text}; empty pieces (";;", comments only) are skipped. */
    public static QueryScript parse(String text) {
        List<Statement> out = new ArrayList<>();
        List<SqlToken> current = new ArrayList<>();
        for (SqlToken t : SqlTokenizer.tokenize(text)) {
            if (t.is(";")) {
                add(text, current, out);
                current = new ArrayList<>();
            } else if (!t.isNoise()) {
                current.add(t);
            }
        }
        add(text, current, out);
        return new QueryScript(text, List.copyOf(out));
    }

    private static void add(String text, List<SqlToken> tokens, List<Statement> out) {
        if (tokens.isEmpty()) {
            return;
        }
        SqlToken first = tokens.get(0);
        SqlToken last = tokens.get(tokens.size() - 1);
        out.add(new Statement(text.substring(first.start(), last.end()), first.start(), first.line(), first.column(),
                List.copyOf(tokens)));
    }

    public List<Statement> statements() {
        return statements;
    }

    /** The statement the caret is in, or the last one before it (the first when none is), or null when none. */
    public Statement statementAt(int caret) {
        Statement pick = statements.isEmpty() ? null : statements.get(0);
        for (Statement s : statements) {
            if (s.start() <= caret) {
                pick = s;
            }
        }
        return pick;
    }

    /** The start and end in {@code text} of the statement at {@code caret} (see {@link #statementAt}), or null. */
    public static int[] rangeAt(String text, int caret) {
        Statement at = parse(text).statementAt(caret);
        return at == null ? null : new int[] {at.start(), at.start() + at.text().length()};
    }

    /** "line L, column C" (1-based, in characters) of an offset in the script, for messages. */
    public String lineColumn(int offset) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (end - lineStart + 1);
    }
}
