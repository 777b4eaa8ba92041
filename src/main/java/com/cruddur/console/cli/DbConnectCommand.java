package com.cruddur.console.cli;

import com.cruddur.console.core.db.Database;
import com.cruddur.console.core.db.DbProblem;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.schema.SchemaException;
import com.cruddur.console.core.schema.SchemaService;
import picocli.CommandLine.Command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code db connect}: psql on the profile's database in this terminal. The password goes into psql's
 * environment only; our exit code is psql's.
 */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = {"Start psql for the profile (password through the environment, never the command line).",
                "Exits with psql's exit code; if psql is not installed, prints the command line to use."})
final class DbConnectCommand extends DbCommand.Base {
    DbConnectCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() throws Exception {
        Database db = database();
        ConnectionProfile p = db.profile();
        String sslMode = p.embedded() ? "disable" : p.sslMode().id();
        SchemaService service = service(db);
        Optional<Path> psql = findOnPath("psql");
        if (psql.isEmpty()) {
            ctx.err().println("cruddur-console: psql is not installed (not found on PATH): install the PostgreSQL client"
                    + " (e.g. apt install postgresql-client), or run this where it is:");
            ctx.out().println(service.psqlCommandLine(sslMode));
            return Main.FAILED;
        }
        ProcessBuilder pb = service.psqlProcess(() -> password(db, p), sslMode);
        pb.command().set(0, psql.get().toString());
        ctx.out().flush();
        ctx.err().flush();
        try {
            return pb.start().waitFor();
        } catch (IOException e) {
            throw new SchemaException("cannot start " + psql.get() + ": " + e.getMessage()
                    + "; run it yourself: " + service.psqlCommandLine(sslMode));
        }
    }

    private char[] password(Database db, ConnectionProfile p) {
        try {
            return db.factory().password(p, db.database()).map(String::toCharArray).orElse(null);
        } catch (DbProblem e) {
            throw new SchemaException(e.getMessage(), e.getSQLState(), e);
        }
    }

    /** Looks the program up on this context's PATH (so tests and wrappers decide which psql runs). */
    private Optional<Path> findOnPath(String program) {
        String path = ctx.env().get("PATH");
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
