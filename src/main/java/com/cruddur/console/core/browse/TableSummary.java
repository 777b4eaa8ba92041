package com.cruddur.console.core.browse;

import java.util.List;
import java.util.Locale;

/** A table list entry: name, view or table, estimated rows ({@code -1} when unknown), comment. */
public record TableSummary(TableRef ref, boolean view, long estimatedRows, String comment) {

    /** Entries whose schema-qualified name contains {@code text} (case-insensitive), order kept. */
    public static List<TableSummary> search(List<TableSummary> all, String text) {
        if (text == null || text.isBlank()) {
            return all;
        }
        String needle = text.trim().toLowerCase(Locale.ROOT);
        return all.stream().filter(t -> t.ref().toString().toLowerCase(Locale.ROOT).contains(needle)).toList();
    }
}
