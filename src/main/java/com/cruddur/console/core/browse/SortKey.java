package com.cruddur.console.core.browse;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One server-side sort column. NULLs follow PostgreSQL's default unless told: last when ascending,
 * first when descending (that way a plain b-tree index serves both directions).
 */
public record SortKey(String column, boolean ascending, Nulls nulls) {
    /** Where NULLs go. */
    public enum Nulls { DEFAULT, FIRST, LAST }

    public SortKey {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(nulls, "nulls");
    }

    public static SortKey asc(String column) {
        return new SortKey(column, true, Nulls.DEFAULT);
    }

    public static SortKey desc(String column) {
        return new SortKey(column, false, Nulls.DEFAULT);
    }

    /** True when NULLs sort before every value. */
    public boolean nullsFirst() {
        return nulls == Nulls.DEFAULT ? !ascending : nulls == Nulls.FIRST;
    }

    /** Parses the CLI's {@code --order-by} text: {@code col[,col desc][,col asc nulls first]}. */
    public static List<SortKey> parseList(String text) {
        List<SortKey> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            String[] words = part.trim().split("\\s+");
            if (words[0].isEmpty()) {
                throw new IllegalArgumentException("empty column in --order-by \"" + text + "\" — use e.g. created_at desc,handle");
            }
            boolean asc = true;
            Nulls nulls = Nulls.DEFAULT;
            int i = 1;
            if (i < words.length && (words[i].equalsIgnoreCase("asc") || words[i].equalsIgnoreCase("desc"))) {
                asc = words[i++].equalsIgnoreCase("asc");
            }
            if (i + 1 < words.length && words[i].equalsIgnoreCase("nulls")) {
                nulls = switch (words[i + 1].toLowerCase()) {
                    case "first" -> Nulls.FIRST;
                    case "last" -> Nulls.LAST;
                    default -> throw new IllegalArgumentException("after NULLS write FIRST or LAST, not " + words[i + 1]);
                };
                i += 2;
            }
            if (i != words.length) {
                throw new IllegalArgumentException("cannot read \"" + part.trim()
                        + "\" in --order-by — use COLUMN [asc|desc] [nulls first|last]");
            }
            out.add(new SortKey(words[0], asc, nulls));
        }
        return out;
    }
}
