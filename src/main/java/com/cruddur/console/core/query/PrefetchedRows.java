package com.cruddur.console.core.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BooleanSupplier;

/**
 * Hands a result's rows, as the server's text bytes, to a sink while a thread of its own reads the next ones through
 * the cursor. Read in one thread, the server would wait while we write each batch and we would wait while it produces
 * the next; psql, which reads the whole result before printing, never makes the server wait. Here the reader runs at
 * most {@link #QUEUED} batches ahead (plus the one it fills and the driver's fetch), so memory stays bounded. The
 * sink sees every row in order on the caller's thread, then the driver's exception (as thrown, SQLSTATE and position
 * kept) when the read failed. The result set is touched by the reader only, and the caller returns only once the
 * reader has ended, so the statement can be closed after it.
 * <p>
 * A cancel is checked before each row: the driver's {@code Statement.cancel} does nothing while a cursor fetches
 * (only while the statement executes), so the reader stops reading itself and the statement ends as the server's
 * cancel would (SQLSTATE 57014); what the server had left of the result goes with the transaction.
 */
final class PrefetchedRows {
    /** Batches that may wait for the sink. */
    static final int QUEUED = 2;

    private final ResultSet rs;
    private final ServerTextBytes bytes;
    private final int batchRows;
    private final BooleanSupplier cancelled;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED);
    private volatile boolean stopped;
    private volatile long rowsRead;
    private volatile Thread reader;

    private record Batch(byte[][][] rows, int size, boolean last, Throwable failure) {
    }

    /** Over {@code rs} (positioned before its first row), in batches of {@code batchRows}, until {@code cancelled}. */
    PrefetchedRows(ResultSet rs, int batchRows, BooleanSupplier cancelled) throws SQLException {
        this.rs = rs;
        this.bytes = ServerTextBytes.of(rs);
        this.batchRows = batchRows;
        this.cancelled = cancelled;
    }

    /**
     * Hands every row to {@code sink} as bytes, counting them in {@code count[0]}. If the sink throws, the reader
     * stops once its current fetch is in and the sink's exception goes on.
     */
    void handTo(QuerySink sink, long[] count) throws SQLException {
        Thread reader = Thread.ofPlatform().name("query-rows").daemon().unstarted(this::read);
        this.reader = reader;
        reader.start();
        boolean ended = false;
        try {
            while (true) {
                Batch b = take();
                for (int i = 0; i < b.size(); i++) {
                    sink.rowBytes(b.rows()[i]);
                    count[0]++;
                }
                if (b.failure() != null) {
                    ended = true;
                    throw rethrow(b.failure());
                }
                if (b.last()) {
                    ended = true;
                    return;
                }
            }
        } finally {
            if (!ended) {
                stopped = true;
                queue.clear(); // frees a reader waiting for room; it then sees the flag (see hand)
            }
            joinUninterruptibly(reader);
        }
    }

    /** How many rows the reader has taken from the driver so far. */
    long rowsRead() {
        return rowsRead;
    }

    /** The reader thread's state (WAITING when it waits for room in the queue), null before {@link #handTo}. */
    Thread.State readerState() {
        Thread r = reader;
        return r == null ? null : r.getState();
    }

    private void read() {
        byte[][][] rows = new byte[batchRows][][];
        int n = 0;
        Throwable failure = null;
        try {
            while (!stopped && !cancelled() && rs.next()) {
                rows[n++] = bytes.row();
                rowsRead++;
                if (n == batchRows) {
                    if (!hand(new Batch(rows, n, false, null))) {
                        return;
                    }
                    rows = new byte[batchRows][][];
                    n = 0;
                }
            }
        } catch (SQLException | RuntimeException | Error e) {
            failure = e;
        }
        hand(new Batch(rows, n, failure == null, failure));
    }

    /**
     * Queues a batch unless the caller stopped. After the caller's stop and clear, at most the one put already past
     * its check lands, into an empty queue, so the reader never blocks for good.
     */
    private boolean hand(Batch b) {
        if (stopped) {
            return false;
        }
        try {
            queue.put(b);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Batch take() throws SQLException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while reading the result", "57014", e);
        }
    }

    private boolean cancelled() throws SQLException {
        if (cancelled.getAsBoolean()) {
            throw QueryCancellation.cancelledError();
        }
        return false;
    }

    private static void joinUninterruptibly(Thread reader) {
        boolean interrupted = false;
        while (true) {
            try {
                reader.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static SQLException rethrow(Throwable t) {
        if (t instanceof SQLException e) {
            return e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        throw (Error) t;
    }
}
