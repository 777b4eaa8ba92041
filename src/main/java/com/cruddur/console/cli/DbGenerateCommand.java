package com.cruddur.console.cli;

import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.core.browse.Cancellation;
import com.cruddur.console.core.browse.DataGenerator;
import com.cruddur.console.core.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code db generate --users N --activities M}: realistic volume for browsing and benchmarks, made on the server. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Add generated users and activities, made on the server in one transaction.",
                "Names, handles, emails on example domains, messages and timestamps over a year. Refused on prod and"
                        + " read-only profiles.",
                "From 100,000 new rows in a table (and at least as many as it holds), its secondary indexes and foreign"
                        + " keys are rebuilt at the end, and the tables are locked (reads wait) until generating ends."})
public final class DbGenerateCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;
    @Mixin
    TargetOptions target;
    @Option(names = "--users", paramLabel = "N", defaultValue = "0", description = "Users to add (default ${DEFAULT-VALUE}).")
    int users;
    @Option(names = "--activities", paramLabel = "M", defaultValue = "0",
            description = "Activities to add, spread over the new users (or the existing ones) (default ${DEFAULT-VALUE}).")
    long activities;
    @Option(names = "--seed", paramLabel = "S", description = "Random seed, for repeatable data (default: random).")
    Long seed;

    DbGenerateCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (users < 0 || activities < 0) {
            throw new ParameterException(spec.commandLine(), "--users and --activities must be 0 or more");
        }
        if (users == 0 && activities == 0) {
            throw new ParameterException(spec.commandLine(), "nothing to generate: give --users N and/or --activities M");
        }
        Database db = ctx.target(target);
        long s = seed != null ? seed : System.nanoTime();
        Cancellation cancellation = Cancellation.create();
        DataGenerator.Result r;
        // the core refuses protected targets (and audits the refusal); Ctrl+C cancels the running statement on the server
        try (CancelOnInterrupt.Registration ignored = CancelOnInterrupt.register(cancellation::cancel)) {
            r = new BrowseService().generate(db, ctx.core().audit(), users, activities, s, cancellation, line -> {
                ctx.err().println(line);
                ctx.err().flush();
            });
        }
        ctx.out().printf("generated %,d users and %,d activities in %s in %,d ms (seed %d)%n", r.users(), r.activities(),
                db.database(), r.took().toMillis(), s);
        return Main.OK;
    }
}
