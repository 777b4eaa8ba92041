package com.cruddur.console.core.browse;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.BaseConnection;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Exports a whole filtered, sorted result to a file with constant memory: CSV through the server's COPY,
 * JSON row by row through a cursor. Writes a temporary file and renames it, so a cancelled or failed
 * export leaves no partial file behind.
 */
public final class Exporter {
    /** Output formats. */
    public enum Format { CSV, JSON }

    /** What was written. */
    public record Result(Path file, long rows) {
    }

    static final int PROGRESS_EVERY = 10_000;
    private static final int JSON_FETCH_SIZE = 1_000;

    /** Writes every row matching {@code filter} (in {@code sort} order, if any) to {@code out}; progress gets rows so far. */
    public Result export(Connection conn, TableInfo table, Filter filter, List<SortKey> sort, Format format, Path out,
                         LongConsumer progress, Cancellation cancellation) {
        Cancellation c = cancellation == null ? Cancellation.create() : cancellation;
        Filter f = filter == null ? Filter.none() : filter;
        LongConsumer p = progress == null ? n -> { } : progress;
        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new BrowseException("cannot export to " + out + ": the folder " + dir + " does not exist — create it first");
        }
        SqlText query = query(table, f, sort == null ? List.of() : sort);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
            Path file = tmp;
            long rows = Transactions.run(conn, f.needsReadOnly(), format == Format.JSON, () -> format == Format.CSV
                    ? copyCsv(conn, query, file, p, c) : streamJson(conn, table, query, file, p, c));
            c.throwIfCancelled("the export");
            move(tmp, target);
            tmp = null;
            p.accept(rows);
            return new Result(target, rows);
        } catch (SQLException e) {
            throw PageQuery.translate(conn, table, f, e, c, "the export");
        } catch (IOException e) {
            throw new BrowseException("cannot write " + out + ": " + e.getMessage() + " — check the disk space and permissions", e);
        } finally {
            c.clear();
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary name starts with a dot and ends in .part
                }
            }
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

    private static long copyCsv(Connection conn, SqlText query, Path file, LongConsumer progress, Cancellation c)
            throws SQLException {
        // COPY takes no bind parameters: the filter's values are inlined as quoted literals
        String copy = "COPY (" + query.inlined() + ") TO STDOUT WITH (FORMAT csv, HEADER)";
        BaseConnection base = conn.unwrap(BaseConnection.class);
        c.throwIfCancelled("the export");
        CopyOut copyOut = conn.unwrap(PGConnection.class).getCopyAPI().copyOut(copy);
        // cancel out of band; the server then ends the COPY with an error, which keeps the protocol in step
        // (CopyOut.cancelCopy from the reading thread can leave the connection confused when the COPY just ended)
        c.onCancel(() -> {
            try {
                if (copyOut.isActive()) {
                    base.cancelQuery();
                }
            } catch (SQLException ignored) {
                // the COPY may have ended; the flag still discards the file
            }
        });
        long rows = -1;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
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
        } catch (IOException e) {
            c.cancel();
            while (copyOut.isActive()) {
                copyOut.readFromCopy();
            }
            throw new SQLException("cannot write the file: " + e.getMessage(), "58030", e);
        }
        return Math.max(rows, 0);
    }

    private static long streamJson(Connection conn, TableInfo table, SqlText query, Path file, LongConsumer progress,
                                   Cancellation c) throws SQLException {
        List<ColumnInfo> cols = table.columns();
        long rows = 0;
        try (PreparedStatement ps = conn.prepareStatement(query.sql());
             Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            c.register(ps);
            query.bind(ps);
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
        } catch (IOException e) {
            throw new SQLException("cannot write the file: " + e.getMessage(), "58030", e);
        }
        return rows;
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
