package com.cruddur.console.core.browse;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.BaseConnection;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * One {@code COPY (SELECT …) TO STDOUT} streamed into a {@link Sink} as the server sends it: the bytes go out as they
 * came, with no per-value work in Java, which is what keeps an export as fast as {@code psql \copy}.
 */
final class CopyOutput {
    /** Takes the CopyData messages in order; says how many rows are complete so far. */
    interface Sink {
        long accept(byte[] message) throws IOException;

        /** Called once after the last message; the rows written. */
        long finish() throws IOException;
    }

    static final int PROGRESS_EVERY = 10_000;

    private CopyOutput() {
    }

    /**
     * COPY goes out as a simple-protocol Query, which the server may split into several statements and which the
     * driver does not split itself. So the server first parses the exact SELECT through the extended protocol
     * (a Parse message carries one statement, and nothing is executed), in the same transaction: a SELECT it reads as
     * one statement stays one inside {@code COPY (…) TO STDOUT}.
     */
    static void requireOneStatementOnServer(Connection conn, String select) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(select)) {
            ps.getMetaData();
        } catch (SQLException e) {
            if ("42601".equals(e.getSQLState())) {
                throw new BrowseException("the WHERE text cannot be used: the server does not read the export's query as "
                        + "one statement (" + firstLine(e.getMessage()) + ") — write one condition without ';'", e);
            }
            throw e;
        }
    }

    /** Runs {@code COPY (select) TO STDOUT WITH (options)} into {@code sink}; returns the rows written. */
    static long run(Connection conn, String select, String options, Sink sink, LongConsumer progress, Cancellation c)
            throws SQLException {
        BaseConnection base = conn.unwrap(BaseConnection.class);
        // Cancel out of band, from before anything is sent: the server's parse of the SELECT and copyOut() both wait
        // until the server has planned the query (a lock wait, a slow first row), and that wait must be cancellable
        // too. A cancelled COPY is ended by the server with an error, which keeps the protocol in step
        // (CopyOut.cancelCopy from the reading thread can leave the connection confused when the COPY just ended).
        AtomicBoolean copying = new AtomicBoolean(true);
        c.onCancel(() -> {
            try {
                if (copying.get()) {
                    base.cancelQuery();
                }
            } catch (SQLException ignored) {
                // the COPY may have ended; the flag still discards the file
            }
        });
        CopyOut copyOut;
        try {
            requireOneStatementOnServer(conn, select);
            c.throwIfCancelled("the export");
            // COPY takes no bind parameters: the filter's values are inlined as quoted literals
            copyOut = conn.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY (" + select + ") TO STDOUT WITH (" + options + ")");
        } catch (SQLException | RuntimeException e) {
            copying.set(false);
            throw e;
        }
        try {
            long reported = 0;
            byte[] message;
            while ((message = copyOut.readFromCopy()) != null) {
                if (c.isCancelled()) {
                    continue; // drain what is already on the wire until the server's cancel error arrives
                }
                long rows = sink.accept(message);
                if (rows - reported >= PROGRESS_EVERY) {
                    reported = rows - rows % PROGRESS_EVERY;
                    progress.accept(reported);
                }
            }
            return sink.finish();
        } catch (IOException e) {
            c.cancel();
            while (copyOut.isActive()) {
                copyOut.readFromCopy();
            }
            throw new SQLException("cannot write the output: " + e.getMessage(), "58030", e);
        } finally {
            copying.set(false);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
