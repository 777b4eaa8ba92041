package com.cruddur.console.core.query.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes of rows a reader may hold, estimated from the cells' sizes as fetched: a grid that keeps rows stops
 * at a size, not a count, so wide rows cannot outgrow the heap where narrow rows would fit by the thousand. The
 * cursor stops before a row that, as big as the last, would pass the limit. Safe to read from any thread.
 */
public final class ByteBudget {
    /** No limit (the query command streams; it holds nothing). */
    public static final ByteBudget UNLIMITED = new ByteBudget(Long.MAX_VALUE);

    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private volatile long lastRow;

    public ByteBudget(long limitBytes) {
        this.limit = limitBytes;
    }

    /** What a row held as text costs on the heap, about: a String per cell (header, array, two bytes a char). */
    public static long estimate(String[] row) {
        long bytes = 16 + 4L * row.length + 24; // the array and the grid's row around it
        for (String cell : row) {
            if (cell != null) {
                bytes += 40 + 2L * cell.length();
            }
        }
        return bytes;
    }

    /** Counts a row that is now held. */
    void take(String[] row) {
        long bytes = estimate(row);
        lastRow = bytes;
        used.addAndGet(bytes);
    }

    /** True when one more row as big as the last would pass the limit: the reader stops before it. */
    public boolean exhausted() {
        return limit != Long.MAX_VALUE && used.get() + lastRow > limit;
    }

    public long limit() {
        return limit;
    }

    public long used() {
        return used.get();
    }
}
