package com.cruddur.console.cli;

import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.core.browse.Cancellation;
import com.cruddur.console.core.browse.Exporter;
import com.cruddur.console.core.browse.Filter;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.core.browse.TableRef;
import com.cruddur.console.core.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/** {@code export TABLE --format csv|json --out FILE|-}: the whole (filtered) table streamed to a file or stdout. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write every row of a table or view as CSV or JSON, to a file or to stdout (--out -).",
                "Memory stays constant (the server writes both formats through COPY); rows come in the order browse shows them. Progress goes to stderr. A regular"
                        + " file is replaced only when the export is complete; a device or FIFO is written directly, a"
                        + " link written through. --where runs in a read-only transaction."})
public final class ExportCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;
    @Mixin
    TargetOptions target;
    @Parameters(index = "0", paramLabel = "TABLE", converter = BrowseCommand.TableConverter.class,
            description = "Table or view: NAME (schema public) or SCHEMA.NAME.")
    TableRef table;
    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "csv or json.")
    String format;
    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The file to write (replaced when the export is complete), or - (or /dev/stdout) for stdout.")
    String out;
    @Option(names = "--where", paramLabel = "SQL",
            description = "One WHERE expression, e.g. \"created_at > now() - interval '1 day'\" (no ';').")
    String where;
    @Option(names = "--order-by", paramLabel = "COL[,COL]", converter = BrowseCommand.OrderByConverter.class,
            description = "Sort columns, then the key (default: the key, as browse pages).")
    BrowseCommand.OrderBy orderBy = BrowseCommand.OrderBy.NONE;

    ExportCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Exporter.Format f = switch (format.toLowerCase()) {
            case "csv" -> Exporter.Format.CSV;
            case "json" -> Exporter.Format.JSON;
            default -> throw new ParameterException(spec.commandLine(), "--format must be csv or json, not " + format);
        };
        if (out.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--out needs a file name, or - for stdout");
        }
        Database db = ctx.target(target);
        BrowseService service = new BrowseService();
        Consumer<TableInfo> sortColumnsExist = info -> orderBy.requireColumns(info, spec);
        Filter filter = Filter.none().withExpertWhere(where);
        LongConsumer progress = n -> ctx.err().printf("cruddur-console: exported %,d rows…%n", n);
        Cancellation cancellation = Cancellation.create();
        // Ctrl+C: stop the query on the server, so the temporary file is removed and the session freed
        try (CancelOnInterrupt.Registration ignored = CancelOnInterrupt.register(cancellation::cancel)) {
            if (isStdout()) {
                Exporter.Result r = service.export(db, table, sortColumnsExist, filter, orderBy.keys(), f,
                        new FailingWriter(ctx.out()), progress, cancellation);
                ctx.err().println("cruddur-console: exported " + r.rows() + " rows of " + table + " to stdout");
            } else {
                Exporter.Result r = service.export(db, table, sortColumnsExist, filter, orderBy.keys(), f,
                        Path.of(out), progress, cancellation);
                ctx.out().println("exported " + r.rows() + " rows of " + table + " to " + r.file());
            }
        }
        return Main.OK;
    }

    /**
     * True for "-" and for any other name of this process's stdout (/dev/stdout, /proc/self/fd/1, the file stdout is
     * redirected to): written as stdout, with the summary on stderr, never opened a second time (a second open of a
     * redirected file has its own offset, and the summary line would land in the data).
     */
    private boolean isStdout() {
        if (out.equals("-")) {
            return true;
        }
        try {
            return Files.isSameFile(Path.of(out), Path.of("/dev/stdout"));
        } catch (IOException | RuntimeException notStdout) {
            return false;
        }
    }

    /**
     * stdout for the exporter: a PrintWriter swallows write errors, so a closed pipe ({@code | head}) would let the
     * whole table stream into nothing; this one reports it, which stops the export.
     */
    private static final class FailingWriter extends Writer {
        private static final int CHECK_EVERY = 1 << 16;
        private final PrintWriter out;
        private int unchecked;

        FailingWriter(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            out.write(buf, off, len);
            unchecked += len;
            if (unchecked >= CHECK_EVERY) {
                unchecked = 0;
                failIfClosed();
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
            failIfClosed();
        }

        @Override
        public void close() throws IOException {
            flush();
        }

        private void failIfClosed() throws IOException {
            if (out.checkError()) {
                throw new IOException("stdout was closed");
            }
        }
    }
}
