package com.cruddur.console.ui.query;

import com.cruddur.console.core.query.session.QueryError;
import com.cruddur.console.core.sql.SqlToken;
import com.cruddur.console.core.sql.SqlTokenizer;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Style classes for the editor's text from the project's one tokenizer (the one that splits statements and checks
 * them), with the statement under the caret and the error's token marked on top.
 */
final class SqlHighlighter {
    private SqlHighlighter() {
    }

    /**
     * @param current the statement under the caret as {start, end}, or null
     * @param error   the error to mark (its token from the offset), or null
     */
    static StyleSpans<Collection<String>> spans(String text, int[] current, QueryError error) {
        List<SqlToken> tokens = SqlTokenizer.tokenize(text);
        int errorStart = error == null ? -1 : Math.min(error.offset(), text.length());
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
        int at = 0;
        for (SqlToken t : tokens) {
            if (t.start() > at) {
                add(b, at, t.start(), null, current, errorStart);
            }
            add(b, t.start(), t.end(), styleOf(t), current, errorStart);
            at = t.end();
        }
        if (at < text.length() || tokens.isEmpty()) {
            b.add(List.of(), text.length() - at);
        }
        return b.create();
    }

    /** Adds [from, to) with {@code style}, cut where the current statement or the error token begins or ends. */
    private static void add(StyleSpansBuilder<Collection<String>> b, int from, int to, String style, int[] current,
                            int errorStart) {
        List<Integer> cuts = new ArrayList<>(List.of(from, to));
        if (current != null) {
            cuts.add(current[0]);
            cuts.add(current[1]);
        }
        cuts.removeIf(c -> c < from || c > to);
        List<Integer> sorted = cuts.stream().distinct().sorted().toList();
        for (int i = 0; i + 1 < sorted.size(); i++) {
            int a = sorted.get(i);
            int z = sorted.get(i + 1);
            List<String> classes = new ArrayList<>(2);
            if (style != null) {
                classes.add(style);
            }
            if (current != null && a >= current[0] && z <= current[1]) {
                classes.add("sql-current");
            }
            if (style != null && errorStart >= from && errorStart < to) {
                classes.add("sql-error");
            }
            b.add(classes, z - a);
        }
    }

    private static String styleOf(SqlToken t) {
        return switch (t.kind()) {
            case KEYWORD -> "sql-keyword";
            case STRING, DOLLAR_STRING -> "sql-string";
            case COMMENT -> "sql-comment";
            case NUMBER -> "sql-number";
            case QUOTED_IDENTIFIER -> "sql-quoted";
            case PARAMETER, OPERATOR -> "sql-operator";
            default -> "sql-plain";
        };
    }
}
