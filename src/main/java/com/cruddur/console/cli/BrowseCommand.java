package com.cruddur.console.cli;

import com.cruddur.console.core.browse.BrowseService;
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

    @Mixin
    TargetOptions target;
    @Parameters(index = "0", paramLabel = "TABLE", description = "Table or view: NAME (schema public) or SCHEMA.NAME.")
    String table;
    @Option(names = "--where", paramLabel = "SQL", description = "A WHERE expression, e.g. \"handle = 'bayko'\".")
    String where;
    @Option(names = "--order-by", paramLabel = "COL[,COL]",
            description = "Sort columns: COL [asc|desc] [nulls first|last], comma-separated (default: the key).")
    String orderBy;
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
            throw new UsageException("--limit must be 1 or more, got " + limit);
        }
        TableRef ref = parseTable(table);
        List<SortKey> sort = parseOrderBy(orderBy);
        Database db = ctx.target(target);
        BrowseService service = new BrowseService();
        TableInfo info = service.describe(db, ref);
        int pageSize = (int) Math.min(limit, PageRequest.MAX_PAGE_SIZE);
        PageRequest req = new PageRequest(info, sort, Filter.none().withExpertWhere(where), pageSize,
                PageRequest.Direction.FIRST, null);
        List<Object[]> rows = new ArrayList<>();
        List<ColumnInfo> columns = info.columns();
        boolean more = false;
        while (true) {
            Page page = service.fetch(db, req, null);
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
                cells[i] = DbCommand.abbreviate(display.format(r[i]), 60);
            }
            t.row(cells);
        }
        t.print(ctx.out());
        ctx.out().println("(" + rows.size() + " row" + (rows.size() == 1 ? "" : "s")
                + (more ? "; more rows follow — raise --limit or narrow --where" : "") + ")");
    }

    static TableRef parseTable(String text) {
        try {
            return TableRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static List<SortKey> parseOrderBy(String text) {
        try {
            return SortKey.parseList(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
