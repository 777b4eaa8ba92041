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
import java.util.ArrayList;
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
        int pageSize = (int) Math.min(limit, PageRequest.MAX_PAGE_SIZE);
        PageRequest req = new PageRequest(info, orderBy.keys(), Filter.none().withExpertWhere(where), pageSize,
                PageRequest.Direction.FIRST, null);
        List<Object[]> rows = new ArrayList<>();
        List<ColumnInfo> columns = info.columns();
        boolean more = false;
        Cancellation cancellation = Cancellation.create();
        try (CancelOnInterrupt.Registration ignored = CancelOnInterrupt.register(cancellation::cancel)) {
            while (true) {
                Page page = service.fetch(db, req, cancellation);
                columns = page.columns();
                for (Object[] r : page.rows()) {
                    if (rows.size() < limit) {
                        rows.add(r);
                    }
                }
                more = page.hasNext();
                if (!page.hasNext() || rows.size() >= limit) {
                    break;
                }
                req = page.nextRequest();
            }
        }
        switch (format) {
            case json -> ctx.out().println(RowFormats.json(columns, rows));
            case csv -> ctx.out().print(RowFormats.csv(columns, rows));
            default -> printTable(columns, rows, more);
        }
        return Main.OK;
    }

    private void printTable(List<ColumnInfo> columns, List<Object[]> rows, boolean more) {
        TextTable t = new TextTable(columns.stream().map(ColumnInfo::name).toArray(String[]::new));
        ValueDisplay display = new ValueDisplay(false, ZoneOffset.UTC);
        for (Object[] r : rows) {
            Object[] cells = new Object[r.length];
            for (int i = 0; i < r.length; i++) {
                cells[i] = ctx.cell(display.format(r[i]), 60);
            }
            t.row(cells);
        }
        t.print(ctx.out(), ctx.tableWidth());
        ctx.out().println("(" + rows.size() + " row" + (rows.size() == 1 ? "" : "s")
                + (more ? "; more rows follow — raise --limit or narrow --where" : "") + ")");
    }

    /** The parsed {@code --order-by}: picocli converts it while parsing, so bad text is a usage error (exit 2). */
    record OrderBy(List<SortKey> keys) {
        static final OrderBy NONE = new OrderBy(List.of());
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
