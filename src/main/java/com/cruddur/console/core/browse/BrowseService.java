package com.cruddur.console.core.browse;

import com.cruddur.console.core.db.DbErrors;
import com.cruddur.console.core.db.DbProblem;
import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.sql.UserSqlPolicy;
import com.cruddur.console.core.sql.UserSqlRefusedException;

import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The browse services over a profile's {@link DbTarget}: each call borrows a pooled connection and gives it back,
 * so the GUI (which may not touch JDBC) and the CLI share one entry point. Stateless; one instance serves all.
 */
public final class BrowseService {
    private final TableCatalog catalog = new TableCatalog();
    private final PageQuery pages = new PageQuery();
    private final RowCounter counter = new RowCounter();
    private final Exporter exporter = new Exporter();
    private final DataGenerator generator = new DataGenerator();

    /** Tables and views of the target's database, users and activities first. */
    public List<TableSummary> listTables(DbTarget target) {
        return withConnection(target, catalog::listTables);
    }

    /** Columns, keys and estimate of one table or view. */
    public TableInfo describe(DbTarget target, TableRef table) {
        return withConnection(target, c -> catalog.describe(c, table));
    }

    /** One keyset page; {@code cancellation.cancel()} stops it on the server (Esc). */
    public Page fetch(DbTarget target, PageRequest request, Cancellation cancellation) {
        return withConnection(target, c -> {
            requireNoVolatileCalls(target, c, request.filter());
            return pages.fetch(c, request, cancellation);
        });
    }

    /** The planner's row estimate, -1 when unknown (views, never analyzed). */
    public long estimate(DbTarget target, TableRef table) {
        return withConnection(target, c -> counter.estimate(c, table));
    }

    /** The exact count of the filtered rows, cancellable. */
    public long exactCount(DbTarget target, TableInfo table, Filter filter, Cancellation cancellation) {
        return withConnection(target, c -> {
            requireNoVolatileCalls(target, c, filter);
            return counter.exactCount(c, table, filter, cancellation);
        });
    }

    /**
     * Streams the whole filtered result to the file {@code out} (a regular file through a temporary file and a rename,
     * a device or FIFO directly, a link written through); progress gets rows so far.
     */
    public Exporter.Result export(DbTarget target, TableInfo table, Filter filter, List<SortKey> sort,
                                  Exporter.Format format, Path out, LongConsumer progress, Cancellation cancellation) {
        return exportOn(target, c -> table, filter,
                (c, info) -> exporter.export(c, info, filter, sort, format, out, progress, cancellation));
    }

    /** Streams the whole filtered result to {@code out} (stdout); the caller owns and closes it. */
    public Exporter.Result export(DbTarget target, TableInfo table, Filter filter, List<SortKey> sort,
                                  Exporter.Format format, Writer out, LongConsumer progress, Cancellation cancellation) {
        return exportOn(target, c -> table, filter,
                (c, info) -> exporter.export(c, info, filter, sort, format, out, progress, cancellation));
    }

    /**
     * As {@link #export(DbTarget, TableInfo, Filter, List, Exporter.Format, Path, LongConsumer, Cancellation)} for a
     * table known by name: described, checked by {@code check} (which throws to refuse) and exported on one session,
     * so a command that does all three logs in once.
     */
    public Exporter.Result export(DbTarget target, TableRef table, Consumer<TableInfo> check, Filter filter,
                                  List<SortKey> sort, Exporter.Format format, Path out, LongConsumer progress,
                                  Cancellation cancellation) {
        return exportOn(target, c -> checked(catalog.describe(c, table), check), filter,
                (c, info) -> exporter.export(c, info, filter, sort, format, out, progress, cancellation));
    }

    /** As above, to {@code out} (stdout); the caller owns and closes it. */
    public Exporter.Result export(DbTarget target, TableRef table, Consumer<TableInfo> check, Filter filter,
                                  List<SortKey> sort, Exporter.Format format, Writer out, LongConsumer progress,
                                  Cancellation cancellation) {
        return exportOn(target, c -> checked(catalog.describe(c, table), check), filter,
                (c, info) -> exporter.export(c, info, filter, sort, format, out, progress, cancellation));
    }

    /** One session: the table, the filter's check against the server, then the export itself. */
    private Exporter.Result exportOn(DbTarget target, Work<TableInfo> table, Filter filter, ExportCall call) {
        return withConnection(target, c -> {
            TableInfo info = table.apply(c);
            requireNoVolatileCalls(target, c, filter);
            return call.export(c, info);
        });
    }

    private static TableInfo checked(TableInfo info, Consumer<TableInfo> check) {
        check.accept(info);
        return info;
    }

    private interface ExportCall {
        Exporter.Result export(Connection c, TableInfo table);
    }

    /**
     * Adds {@code users} users and {@code activities} activities, made on the server in one transaction. Refused on a
     * production or read-only target, and the refusal is written to {@code audit}.
     */
    public DataGenerator.Result generate(DbTarget target, AuditLog audit, int users, long activities, long seed,
                                         Cancellation cancellation, Consumer<String> progress) {
        if (isProtected(target)) {
            String why = "profile " + target.profileName() + " is production or read-only — generate test data on a "
                    + "dev or local profile";
            throw new BrowseException("refused: " + why + recordRefusal(audit, target, "generate data", why));
        }
        return withConnection(target, c -> generator.generate(c, users, activities, seed, cancellation, progress));
    }

    /**
     * On a protected target the WHERE text may call only what the server's catalog marks stable or immutable
     * ({@link UserSqlPolicy}): the read-only transaction stops writes to tables, not a volatile function's side
     * effects. Checked on the connection that then runs the query, so the same search_path resolves the names.
     */
    private static void requireNoVolatileCalls(DbTarget target, Connection conn, Filter filter) {
        if (!isProtected(target) || filter.expertWhere() == null) {
            return;
        }
        try {
            UserSqlPolicy.requireNoVolatileCalls(conn, filter.expertWhere());
        } catch (UserSqlRefusedException e) {
            throw new BrowseException("the WHERE text cannot be used on profile " + target.profileName()
                    + " (production or read-only): " + e.getMessage());
        } catch (SQLException e) {
            throw new BrowseException("cannot check the WHERE text's function calls against the server's catalog: "
                    + DbErrors.firstLine(e.getMessage()) + " — check the connection and try again", e);
        }
    }

    /** Appends the refusal to the audit log; "" when written, else a note for the message (the refusal stands). */
    private static String recordRefusal(AuditLog audit, DbTarget target, String operation, String why) {
        try {
            audit.record(target.profileName(), target.host(), target.database(), operation, "refused: " + why);
            return "";
        } catch (UncheckedIOException e) {
            return " (and it could not be recorded: " + e.getMessage() + ")";
        }
    }

    private interface Work<T> {
        T apply(Connection c);
    }

    /** Whether the target is protected, which may take a session to ask its server. */
    private static boolean isProtected(DbTarget target) {
        try {
            return target.isProtected();
        } catch (SQLException e) {
            throw cannotConnect(target, e);
        }
    }

    private static BrowseException cannotConnect(DbTarget target, SQLException e) {
        if (e instanceof DbProblem explained) {
            return new BrowseException(explained.getMessage(), e); // already says what happened and what to do
        }
        return new BrowseException("cannot connect to " + target.database() + " on " + target.host() + ":"
                + target.port() + " (profile " + target.profileName() + "): " + DbErrors.firstLine(e.getMessage())
                + " — check that the server is running and the profile is right, then refresh", e);
    }

    private static <T> T withConnection(DbTarget target, Work<T> work) {
        Connection conn;
        try {
            conn = target.connect();
        } catch (SQLException e) {
            throw cannotConnect(target, e);
        }
        try {
            return work.apply(conn);
        } finally {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // a broken connection is discarded by the pool; the work's own result or error stands
            }
        }
    }
}
