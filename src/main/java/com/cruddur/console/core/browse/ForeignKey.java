package com.cruddur.console.core.browse;

import java.util.List;

/** A foreign key from {@code columns} of {@code from} to {@code targetColumns} of {@code target}. */
public record ForeignKey(String name, TableRef from, List<String> columns, TableRef target, List<String> targetColumns) {
    public ForeignKey {
        columns = List.copyOf(columns);
        targetColumns = List.copyOf(targetColumns);
    }
}
