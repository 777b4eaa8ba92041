package com.cruddur.console.cli;

import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.core.browse.Cancellation;
import com.cruddur.console.core.browse.Exporter;
import com.cruddur.console.core.browse.Filter;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.core.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code export TABLE --format csv|json --out FILE}: the whole (filtered) table streamed to a file. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write every row of a table or view to a CSV or JSON file with constant memory",
                "(CSV through COPY, JSON through a cursor). Progress goes to stderr; a failed or interrupted",
                "export leaves no partial file. --where runs in a read-only transaction."})
public final class ExportCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    TargetOptions target;
    @Parameters(index = "0", paramLabel = "TABLE", description = "Table or view: NAME (schema public) or SCHEMA.NAME.")
    String table;
    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "csv or json.")
    String format;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write (replaced if it exists).")
    Path out;
    @Option(names = "--where", paramLabel = "SQL", description = "A WHERE expression, e.g. \"created_at > now() - interval '1 day'\".")
    String where;
    @Option(names = "--order-by", paramLabel = "COL[,COL]", description = "Sort columns (default: none, fastest).")
    String orderBy;

    ExportCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Exporter.Format f = switch (format.toLowerCase()) {
            case "csv" -> Exporter.Format.CSV;
            case "json" -> Exporter.Format.JSON;
            default -> throw new UsageException("--format must be csv or json, not " + format);
        };
        var ref = BrowseCommand.parseTable(table);
        var sort = BrowseCommand.parseOrderBy(orderBy);
        Database db = ctx.target(target);
        BrowseService service = new BrowseService();
        TableInfo info = service.describe(db, ref);
        Cancellation cancellation = Cancellation.create();
        // Ctrl+C: stop the query on the server so the temporary file is removed and the session freed
        Thread hook = new Thread(cancellation::cancel, "export-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Exporter.Result r = service.export(db, info, Filter.none().withExpertWhere(where), sort, f, out,
                    n -> ctx.err().printf("cruddur-console: exported %,d rows…%n", n), cancellation);
            ctx.out().println("exported " + r.rows() + " rows of " + ref + " to " + r.file());
            return Main.OK;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: nothing to undo
            }
        }
    }
}
