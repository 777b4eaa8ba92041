package com.cruddur.console.core.browse;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.BaseConnection;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * Exports a whole filtered, sorted result with constant memory: CSV through the server's COPY, JSON row by row through
 * a cursor. To a file through {@link ExportFile} (a regular file is replaced atomically, so a cancelled or failed export
 * leaves no partial file), or to a stream such as stdout.
 */
public final class Exporter {
    /** Output formats. */
    public enum Format { CSV, JSON }

    /** What was written; {@code file} is null for a stream. */
    public record Result(Path file, long rows) {
    }

    static final int PROGRESS_EVERY = 10_000;
    private static final int JSON_FETCH_SIZE = 1_000;

    /** Writes every row matching {@code filter} (in {@code sort} order, if any) to {@code out}; progress gets rows so far. */
    public Result export(Connection conn, TableInfo table, Filter filter, List<SortKey> sort, Format format, Path out,
                         LongConsumer progress, Cancellation cancellation) {
        Filter f = filter == null ? Filter.none() : filter;
        Query query = Query.of(table, f, sort, format);
        try (ExportFile file = ExportFile.open(out)) {
            long rows = write(conn, table, query, file.stream(), progress, cancellation);
            file.commit();
            return new Result(file.target(), rows);
        } catch (IOException e) {
            throw new BrowseException("cannot write " + out + ": " + e.getMessage() + " — check the disk space and permissions", e);
        }
    }

    /** As {@link #export(Connection, TableInfo, Filter, List, Format, Path, LongConsumer, Cancellation)}, to a stream (stdout). */
    public Result export(Connection conn, TableInfo table, Filter filter, List<SortKey> sort, Format format, Writer out,
                         LongConsumer progress, Cancellation cancellation) {
        Filter f = filter == null ? Filter.none() : filter;
        Query query = Query.of(table, f, sort, format);
        try (OutputStream decoded = new Utf8ToWriter(out)) {
            long rows = write(conn, table, query, decoded, progress, cancellation);
            decoded.flush();
            out.flush();
            return new Result(null, rows);
        } catch (IOException e) {
            throw new BrowseException("cannot write the output: " + e.getMessage(), e);
        }
    }

    /** The checked SQL of one export, built (and the WHERE text refused) before any file is touched. */
    private record Query(Filter filter, SqlText select, String copySelect) {
        static Query of(TableInfo table, Filter filter, List<SortKey> sort, Format format) {
            SqlText select = query(table, filter, sort == null ? List.of() : sort);
            return new Query(filter, select, format == Format.CSV ? select.inlined() : null);
        }
    }

    private long write(Connection conn, TableInfo table, Query query, OutputStream os, LongConsumer progress,
                       Cancellation cancellation) {
        Cancellation c = cancellation == null ? Cancellation.create() : cancellation;
        LongConsumer p = progress == null ? n -> { } : progress;
        try {
            long rows = Transactions.run(conn, query.filter().needsReadOnly(), query.copySelect() == null,
                    () -> query.copySelect() != null
                            ? copyCsv(conn, query.copySelect(), os, p, c) : streamJson(conn, table, query.select(), os, p, c));
            c.throwIfCancelled("the export");
            p.accept(rows);
            return rows;
        } catch (SQLException e) {
            throw PageQuery.translate(conn, table, query.filter(), e, c, "the export");
        } finally {
            c.clear();
        }
    }

    /** The SELECT the export runs; ORDER BY only when the user sorted, so a plain export can scan sequentially. */
    static SqlText query(TableInfo table, Filter filter, List<SortKey> sort) {
        SqlText sql = new SqlText().append("SELECT " + PageQuery.selectList(table, false) + " FROM " + table.ref().sql());
        SqlText where = filter.toSql(table);
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(where);
        }
        if (!sort.isEmpty()) {
            sql.append(" ORDER BY " + OrderPlan.orderBy(OrderPlan.of(table, sort).terms(false)));
        }
        return sql;
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

    private static long copyCsv(Connection conn, String select, OutputStream os, LongConsumer progress, Cancellation c)
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
                    .copyOut("COPY (" + select + ") TO STDOUT WITH (FORMAT csv, HEADER)");
        } catch (SQLException | RuntimeException e) {
            copying.set(false);
            throw e;
        }
        long rows = -1;
        try {
            byte[] chunk;
            while ((chunk = copyOut.readFromCopy()) != null) {
                if (c.isCancelled()) {
                    continue; // drain what is already on the wire until the server's cancel error arrives
                }
                os.write(chunk);
                if (++rows % PROGRESS_EVERY == 0 && rows > 0) {
                    progress.accept(rows);
                }
            }
            os.flush();
        } catch (IOException e) {
            c.cancel();
            while (copyOut.isActive()) {
                copyOut.readFromCopy();
            }
            throw new SQLException("cannot write the output: " + e.getMessage(), "58030", e);
        } finally {
            copying.set(false);
        }
        return Math.max(rows, 0);
    }

    private static long streamJson(Connection conn, TableInfo table, SqlText query, OutputStream os,
                                   LongConsumer progress, Cancellation c) throws SQLException {
        List<ColumnInfo> cols = table.columns();
        long rows = 0;
        Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
        try (PreparedStatement ps = query.prepare(conn)) {
            c.register(ps);
            ps.setFetchSize(JSON_FETCH_SIZE);
            StringBuilder sb = new StringBuilder(512);
            Object[] row = new Object[cols.size()];
            w.write('[');
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    c.throwIfCancelled("the export");
                    for (int i = 0; i < row.length; i++) {
                        row[i] = PgValues.read(rs, i + 1, cols.get(i).kind());
                    }
                    sb.setLength(0);
                    if (rows > 0) {
                        sb.append(",\n");
                    }
                    RowFormats.appendJsonObject(sb, cols, row);
                    w.append(sb);
                    if (++rows % PROGRESS_EVERY == 0) {
                        progress.accept(rows);
                    }
                }
            }
            w.write("]\n");
            w.flush();
        } catch (IOException e) {
            throw new SQLException("cannot write the output: " + e.getMessage(), "58030", e);
        }
        return rows;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** UTF-8 bytes (COPY's client encoding) to a character stream, whatever way the bytes are chunked. */
    private static final class Utf8ToWriter extends OutputStream {
        private final Writer out;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final ByteBuffer pending = ByteBuffer.allocate(1 << 16);
        private final CharBuffer chars = CharBuffer.allocate(1 << 16);

        Utf8ToWriter(Writer out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, pending.remaining());
                pending.put(b, off, n);
                off += n;
                len -= n;
                drain(false);
            }
        }

        private void drain(boolean end) throws IOException {
            pending.flip();
            while (true) {
                var result = decoder.decode(pending, chars, end);
                out.write(chars.array(), 0, chars.position());
                chars.clear();
                if (!result.isOverflow()) {
                    break;
                }
            }
            pending.compact();
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            drain(true);
            out.flush();
        }
    }
}
