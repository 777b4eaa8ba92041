package com.cruddur.console.core.browse;

import java.util.List;
import java.util.Objects;

/**
 * Which page to fetch: table, sort, filter, size and direction relative to a cursor.
 * Build the first request with {@link #first(TableInfo)}, then move with {@link #next(Page)} and friends.
 */
public record PageRequest(TableInfo table, List<SortKey> sort, Filter filter, int pageSize, Direction direction,
                          PageCursor cursor) {
    public static final int DEFAULT_PAGE_SIZE = 200;
    public static final int MAX_PAGE_SIZE = 10_000;

    /** Where the page lies. NEXT and PREVIOUS are relative to the cursor. */
    public enum Direction { FIRST, NEXT, PREVIOUS, LAST }

    public PageRequest {
        Objects.requireNonNull(table, "table");
        sort = List.copyOf(sort);
        filter = filter == null ? Filter.none() : filter;
        Objects.requireNonNull(direction, "direction");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new BrowseException("page size " + pageSize + " is out of range — use 1 to " + MAX_PAGE_SIZE);
        }
        if ((direction == Direction.NEXT || direction == Direction.PREVIOUS) && cursor == null) {
            throw new IllegalArgumentException(direction + " needs the cursor of the current page");
        }
    }

    /** The first page of the table in key order, no filter, 200 rows. */
    public static PageRequest first(TableInfo table) {
        return new PageRequest(table, List.of(), Filter.none(), DEFAULT_PAGE_SIZE, Direction.FIRST, null);
    }

    public PageRequest withSort(List<SortKey> newSort) {
        return new PageRequest(table, newSort, filter, pageSize, Direction.FIRST, null);
    }

    public PageRequest withFilter(Filter newFilter) {
        return new PageRequest(table, sort, newFilter, pageSize, Direction.FIRST, null);
    }

    public PageRequest withPageSize(int size) {
        return new PageRequest(table, sort, filter, size, Direction.FIRST, null);
    }

    public PageRequest firstPage() {
        return new PageRequest(table, sort, filter, pageSize, Direction.FIRST, null);
    }

    public PageRequest lastPage() {
        return new PageRequest(table, sort, filter, pageSize, Direction.LAST, null);
    }

    /** The page after {@code current} (which must come from this request's sort and filter). */
    public PageRequest next(Page current) {
        return new PageRequest(table, sort, filter, pageSize, Direction.NEXT, current.lastCursor());
    }

    /** The page before {@code current}. */
    public PageRequest previous(Page current) {
        return new PageRequest(table, sort, filter, pageSize, Direction.PREVIOUS, current.firstCursor());
    }
}
