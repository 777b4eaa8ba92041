package com.cruddur.console.cli;

import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.core.browse.Cancellation;
import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.core.browse.Filter;
import com.cruddur.console.core.browse.Page;
import com.cruddur.console.core.browse.PageRequest;
import com.cruddur.console.core.browse.RowFormats;
import com.cruddur.console.core.browse.SortKey;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.core.browse.TableRef;
import com.cruddur.console.core.browse.ValueDisplay;
import com.cruddur.console.core.db.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code browse TABLE}: rows of a table or view in key (or --order-by) order, as a table, JSON or CSV. */
@Command(name = "browse", mixinStandardHelpOptions = true,
        description = {"Print rows of a table or view, keyset-paged on the server (never the whole table).",
                "--where runs in a read-only transaction: an expression that writes is refused."})
public final class BrowseCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { table, json, csv }

    static final int DEFAULT_LIMIT = 200;

    private final CliContext ctx;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    TargetOptions target;
    @Parameters(index = "0", paramLabel = "TABLE", converter = TableConverter.class,
            description = "Table or view: NAME (schema public) or SCHEMA.NAME.")
    TableRef table;
    @Option(names = "--where", paramLabel = "SQL",
            description = "One WHERE expression, e.g. \"handle = 'bayko'\" (no ';': checked with the driver's own parser).")
    String where;
    @Option(names = "--order-by", paramLabel = "COL[,COL]", converter = OrderByConverter.class,
            description = "Sort columns: COL [asc|desc] [nulls first|last], comma-separated (default: the key).")
    OrderBy orderBy = OrderBy.NONE;
    @Option(names = "--limit", paramLabel = "N", description = "At most N rows (default ${DEFAULT-VALUE}).", defaultValue = "200")
    long limit;
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json (the backend's query_wrap_array shape) or csv (default ${DEFAULT-VALUE}).")
    Format format;

    BrowseCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be 1 or more, got " + limit);
        }
        Database db = ctx.target(target);
        BrowseService service = new BrowseService();
        TableInfo info = service.describe(db, table);
        orderBy.requireColumns(info, spec);
        int pageSize = (int) Math.min(limit, PageRequest.MAX_PAGE_SIZE);
        PageRequest req = new PageRequest(info, orderBy.keys(), Filter.none().withExpertWhere(where), pageSize,
                PageRequest.Direction.FIRST, null);
        PageWriter writer = switch (format) {
            case json -> new JsonPages();
            case csv -> new CsvPages();
            default -> new TablePages();
        };
        long printed = 0;
        boolean more = false;
        Cancellation cancellation = Cancellation.create();
        // One page at a time, printed before the next is fetched: memory stays at one page whatever --limit says
        try (CancelOnInterrupt.Registration ignored = CancelOnInterrupt.register(cancellation::cancel)) {
            while (true) {
                Page page = service.fetch(db, req, cancellation);
                List<Object[]> rows = page.rows();
                int take = (int) Math.min(rows.size(), limit - printed);
                writer.page(page.columns(), rows.subList(0, take), printed == 0);
                printed += take;
                more = page.hasNext() || take < rows.size();
                ctx.out().flush();
                if (ctx.out().checkError()) {
                    return Main.OK; // stdout was closed (| head): nothing more is wanted
                }
                if (!page.hasNext() || printed >= limit) {
                    break;
                }
                req = page.nextRequest();
            }
        }
        writer.end(printed, more);
        ctx.out().flush();
        return Main.OK;
    }

    /** Prints pages as they arrive; {@code first} is true once, for the first page (which may be empty). */
    private interface PageWriter {
        void page(List<ColumnInfo> columns, List<Object[]> rows, boolean first);

        void end(long rows, boolean more);
    }

    /** The backend's query_wrap_array shape, one array on one line, written object by object. */
    private final class JsonPages implements PageWriter {
        private boolean any;

        @Override
        public void page(List<ColumnInfo> columns, List<Object[]> rows, boolean first) {
            StringBuilder sb = new StringBuilder(first ? "[" : "");
            for (Object[] r : rows) {
                sb.append(any ? "," : "");
                RowFormats.appendJsonObject(sb, columns, r);
                any = true;
            }
            ctx.out().print(sb);
        }

        @Override
        public void end(long rows, boolean more) {
            ctx.out().println("]");
        }
    }

    private final class CsvPages implements PageWriter {
        @Override
        public void page(List<ColumnInfo> columns, List<Object[]> rows, boolean first) {
            StringBuilder sb = new StringBuilder();
            if (first) {
                RowFormats.appendCsvHeader(sb, columns);
            }
            for (Object[] r : rows) {
                RowFormats.appendCsvRow(sb, columns, r);
            }
            ctx.out().print(sb);
        }

        @Override
        public void end(long rows, boolean more) {
        }
    }

    /** Aligned columns sized on the first page (one page is buffered, never the whole result). */
    private final class TablePages implements PageWriter {
        private final ValueDisplay display = new ValueDisplay(false, ZoneOffset.UTC);
        private TextTable table;

        @Override
        public void page(List<ColumnInfo> columns, List<Object[]> rows, boolean first) {
            if (table == null) {
                table = new TextTable(columns.stream().map(ColumnInfo::name).toArray(String[]::new));
            }
            for (Object[] r : rows) {
                Object[] cells = new Object[r.length];
                for (int i = 0; i < r.length; i++) {
                    cells[i] = ctx.cell(display.format(r[i]), 60);
                }
                table.row(cells);
            }
            table.printPage(ctx.out(), ctx.tableWidth());
        }

        @Override
        public void end(long rows, boolean more) {
            ctx.out().println("(" + rows + " row" + (rows == 1 ? "" : "s")
                    + (more ? "; more rows follow — raise --limit or narrow --where" : "") + ")");
        }
    }

    /** The parsed {@code --order-by}: picocli converts it while parsing, so bad text is a usage error (exit 2). */
    record OrderBy(List<SortKey> keys) {
        static final OrderBy NONE = new OrderBy(List.of());

        /** A sort column the table does not have is a usage error (exit 2), named with the columns it has. */
        void requireColumns(TableInfo info, CommandLine.Model.CommandSpec spec) {
            for (SortKey k : keys) {
                if (info.column(k.column()).isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--order-by: no column \"" + k.column()
                            + "\" in " + info.ref() + " — the columns are " + info.columnNames()
                            + " (names are exact: mind the case)");
                }
            }
        }
    }

    /**
     * {@code --order-by} text to sort keys while parsing the command line: a mistake is reported like any bad option
     * (one line, "Try --help", exit 2) before anything connects or is logged.
     */
    static final class OrderByConverter implements CommandLine.ITypeConverter<OrderBy> {
        @Override
        public OrderBy convert(String value) {
            try {
                return new OrderBy(SortKey.parseList(value));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** TABLE to a table reference while parsing the command line. */
    static final class TableConverter implements CommandLine.ITypeConverter<TableRef> {
        @Override
        public TableRef convert(String value) {
            try {
                return TableRef.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
