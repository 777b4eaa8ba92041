package com.cruddur.console.cli;

import com.cruddur.console.core.db.Database;
import com.cruddur.console.core.query.HeldChange;
import com.cruddur.console.core.query.QueryCancellation;
import com.cruddur.console.core.query.QueryScript;
import com.cruddur.console.core.query.QueryService;
import com.cruddur.console.core.query.StatementOutcome;
import com.cruddur.console.core.safety.ConfirmationRequiredException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code query}: runs SQL from -c, -f or stdin, statement by statement, and prints the results as they stream. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run SQL statement by statement, stopping at the first error; rows stream from a server cursor.",
                "--format csv prints exactly what psql --csv prints.",
                "On a protected (prod or read-only) profile only one statement runs, with no transaction or session"
                        + " control and no volatile function calls; on a read-only profile the server refuses changes,"
                        + " on a prod profile with read-only off a change commits only with --confirm DBNAME (else it"
                        + " is rolled back).",
                "Exit 0 on success, 1 on an SQL or connection error or a refusal, 2 on a usage error."})
public final class QueryCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { table, csv, json, tsv }

    /** The most SQL text read from -f or stdin. */
    static final int MAX_SCRIPT_BYTES = 16 * 1024 * 1024;

    private final CliContext ctx;

    @Mixin
    TargetOptions target;
    @Option(names = {"-c", "--command"}, paramLabel = "SQL", description = "The SQL to run.")
    String command;
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "A file of SQL to run (UTF-8).")
    Path file;
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, csv, json or tsv (default ${DEFAULT-VALUE}).")
    Format format;
    @Option(names = "--single-transaction",
            description = "Run the whole script in one transaction: all of it or, after an error, none of it.")
    boolean singleTransaction;
    @Option(names = "--confirm", paramLabel = "DBNAME",
            description = "On a protected profile that is not read-only: commit a change only when this is the"
                    + " database name, exactly; without it, or with another name, the change is rolled back.")
    String confirm;

    QueryCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        if (command != null && file != null) {
            throw new UsageException("give either -c SQL or -f FILE (or SQL on stdin), not both");
        }
        String sql = command != null ? command : file != null ? readFile(file) : read(ctx.in(), "stdin");
        if (QueryScript.parse(sql).statements().isEmpty()) {
            throw new UsageException("no SQL to run: give -c SQL, -f FILE or SQL on stdin");
        }
        Database db = ctx.target(target);
        QueryOutput output = QueryOutput.of(format, ctx);
        QueryCancellation cancel = new QueryCancellation();
        QueryService.Execution run;
        try (CancelOnInterrupt.Registration ignored = CancelOnInterrupt.register(cancel::cancel)) {
            run = new QueryService().execute(db, sql, new QueryService.Options(singleTransaction), output, cancel);
        } finally {
            ctx.out().flush();
        }
        if (run.held().isPresent()) {
            return confirmOrRollBack(run.held().get());
        }
        List<StatementOutcome> outcomes = run.outcomes();
        StatementOutcome last = outcomes.get(outcomes.size() - 1);
        if (last.ok()) {
            return Main.OK;
        }
        ctx.err().println("cruddur-console: " + last.error().replace("\n", System.lineSeparator()));
        if (outcomes.size() > 1 || singleTransaction) {
            ctx.err().println("cruddur-console: stopped at statement " + outcomes.size() + (singleTransaction
                    ? "; the transaction was rolled back, nothing was changed" : "; the statements before it were run"));
        }
        return Main.FAILED;
    }

    /** Commits a held change on a protected profile only when --confirm names its database; else rolls it back. */
    private int confirmOrRollBack(HeldChange held) throws SQLException {
        try (held) {
            if (confirm == null) {
                held.rollback();
                ctx.err().println("cruddur-console: " + held.description().summary() + ": " + held.rows()
                        + " on protected database " + held.databaseName() + " — rolled back, nothing was changed."
                        + " To commit, run it again with --confirm " + held.databaseName());
                return Main.FAILED;
            }
            held.commit(confirm, ctx.core().audit());
        } catch (ConfirmationRequiredException e) {
            ctx.err().println("cruddur-console: " + e.getMessage());
            return Main.FAILED;
        }
        ctx.err().println("Committed: " + held.description().summary() + ": " + held.rows() + " on database "
                + held.databaseName() + " (recorded in the audit log)");
        return Main.OK;
    }

    private static String readFile(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString());
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + path);
        } catch (IOException e) {
            throw new UsageException("cannot read " + path + ": " + e.getMessage());
        }
    }

    private static String read(InputStream in, String what) {
        try {
            byte[] bytes = in.readNBytes(MAX_SCRIPT_BYTES + 1);
            if (bytes.length > MAX_SCRIPT_BYTES) {
                throw new UsageException(what + " holds more than " + MAX_SCRIPT_BYTES / (1024 * 1024)
                        + " MB of SQL — split it, or load data with COPY through psql");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UsageException(what + " is not UTF-8 text — convert it (e.g. iconv -t UTF-8) and try again");
        } catch (IOException e) {
            throw new UsageException("cannot read " + what + ": " + e.getMessage());
        }
    }
}
