package com.cruddur.console.core.browse;

import java.util.List;

/**
 * One page of rows. Each row is an {@code Object[]} aligned with {@link #columns()}; values are UUID,
 * LocalDateTime, OffsetDateTime, LocalDate, Number, Boolean, byte[] or String, and NULL is {@code null}.
 *
 * @param readOnly true when the rows cannot be addressed by a key (view or table without a primary key)
 * @param pagedOn  what the tie-breaker was: the primary key columns, "ctid", or all columns for a view
 */
public record Page(PageRequest request, List<ColumnInfo> columns, List<Object[]> rows, PageCursor firstCursor,
                   PageCursor lastCursor, boolean hasPrevious, boolean hasNext, boolean readOnly, List<String> pagedOn) {
    public Page {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        pagedOn = List.copyOf(pagedOn);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The request for the page after this one. */
    public PageRequest nextRequest() {
        return request.next(this);
    }

    /** The request for the page before this one. */
    public PageRequest previousRequest() {
        return request.previous(this);
    }
}
