package com.cruddur.console.core.browse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Exports a whole filtered, sorted result with constant memory, both formats written by the server through COPY (CSV
 * as COPY writes it, JSON as row_to_json does, see {@link JsonCopyRows}). To a file through {@link ExportFile} (a regular file is replaced atomically, so a cancelled or failed export
 * leaves no partial file), or to a stream such as stdout.
 */
public final class Exporter {
    /** Output formats. */
    public enum Format { CSV, JSON }

    /** What was written; {@code file} is null for a stream. */
    public record Result(Path file, long rows) {
    }

    static final int PROGRESS_EVERY = CopyOutput.PROGRESS_EVERY;

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
    private record Query(Filter filter, String select, Format format) {
        static Query of(TableInfo table, Filter filter, List<SortKey> sort, Format format) {
            String select = query(table, filter, sort == null ? List.of() : sort).inlined();
            return new Query(filter, format == Format.CSV ? select : JsonCopyRows.select(table, select), format);
        }
    }

    private long write(Connection conn, TableInfo table, Query query, OutputStream os, LongConsumer progress,
                       Cancellation cancellation) {
        Cancellation c = cancellation == null ? Cancellation.create() : cancellation;
        LongConsumer p = progress == null ? n -> { } : progress;
        try {
            long rows = Transactions.run(conn, query.filter().needsReadOnly(), false, () -> query.format() == Format.CSV
                    ? CopyOutput.run(conn, query.select(), "FORMAT csv, HEADER", new CsvSink(os), p, c)
                    : CopyOutput.run(conn, query.select(), "FORMAT binary", new JsonCopyRows(os), p, c));
            c.throwIfCancelled("the export");
            p.accept(rows);
            return rows;
        } catch (SQLException e) {
            throw PageQuery.translate(conn, table, query.filter(), e, c, "the export");
        } finally {
            c.clear();
        }
    }

    /**
     * The SELECT the export runs, in the grid's order for the same sort: the user's keys, then the key as tie-breaker
     * (with no sort, the key order the grid shows), so an export lists the rows as the grid pages through them.
     */
    static SqlText query(TableInfo table, Filter filter, List<SortKey> sort) {
        SqlText sql = new SqlText().append("SELECT " + PageQuery.selectList(table, false) + " FROM " + table.ref().sql());
        SqlText where = filter.toSql(table);
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(where);
        }
        sql.append(" ORDER BY " + OrderPlan.orderBy(OrderPlan.of(table, sort).terms(false)));
        return sql;
    }

    /** COPY's CSV as the server writes it; the header line comes as a message of its own. */
    private static final class CsvSink implements CopyOutput.Sink {
        private final OutputStream out;
        private long messages;

        CsvSink(OutputStream out) {
            this.out = out;
        }

        @Override
        public long accept(byte[] message) throws IOException {
            out.write(message);
            return ++messages - 1;
        }

        @Override
        public long finish() throws IOException {
            out.flush();
            return Math.max(messages - 1, 0);
        }
    }
}
