package com.cruddur.console.cli;

import com.cruddur.console.core.InvalidInput;
import picocli.CommandLine;

import java.util.List;

import java.io.PrintWriter;

/**
 * CLI composition root: builds the command tree over the same core services as the GUI.
 * Exit codes: 0 done, 1 the operation failed, 2 bad usage. Errors go to stderr, first line a summary.
 */
public final class Main {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private Main() {
    }

    /** Runs the CLI for this process (real environment, stdin, stdout, stderr). */
    public static int run(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // Same text as picocli prints, without building the whole command tree: start-up hooks call this.
            for (String line : new VersionProvider().getVersion()) {
                out.println(line);
            }
            return OK;
        }
        try (CliContext ctx = new CliContext(System.getenv(), System.in, out, err, true,
                StdoutTerminal.detect(), System.out)) {
            // Any thread of a command that dies with an exception: the trace goes to the log file, never the terminal.
            Thread.setDefaultUncaughtExceptionHandler((thread, e) -> ctx.logFailure(e));
            try {
                return run(ctx, args);
            } catch (RuntimeException | Error e) {
                // picocli handles what a command throws; this is for what fails around it (building the commands)
                err.println("cruddur-console: " + CliErrors.summary(e) + " (details in the log file)");
                ctx.logFailure(e);
                return FAILED;
            }
        }
    }

    /** Runs the CLI with a given context (tests pass their own environment and writers). */
    public static int run(CliContext ctx, String[] args) {
        CommandLine cmd = commandLine(ctx, args);
        int code = cmd.execute(args);
        ctx.out().flush();
        ctx.err().flush();
        return code;
    }

    static CommandLine commandLine(CliContext ctx, String[] args) {
        ContextFactory factory = new ContextFactory(ctx);
        CommandLine cmd = new CommandLine(new RootCommand(), factory);
        addSubcommands(cmd, RootCommand.COMMANDS, args, 0, factory);
        cmd.setOut(ctx.out());
        cmd.setErr(ctx.err());
        cmd.setExitCodeExceptionMapper(t -> FAILED);
        // picocli prints the help and exits 0 when --help comes with an unknown command; a typo is a usage error
        cmd.setExecutionStrategy(parsed -> {
            for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
                if (!level.unmatched().isEmpty()) {
                    throw new CommandLine.UnmatchedArgumentException(level.commandSpec().commandLine(),
                            level.unmatched());
                }
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cmd.setParameterExceptionHandler((ex, a) -> {
            ctx.err().println("cruddur-console: " + usageMessage(ex));
            CommandLine c = ex.getCommandLine();
            ctx.err().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            ctx.err().println("cruddur-console: " + CliErrors.summary(ex));
            CliErrors.details(ex).ifPresent(ctx.err()::println);
            ctx.logFailure(ex);
            return ex instanceof UsageException || ex instanceof InvalidInput ? USAGE : FAILED;
        });
        return cmd;
    }

    /** picocli's message, except for a word where a command was expected: that one names the commands there are. */
    private static String usageMessage(CommandLine.ParameterException ex) {
        CommandLine c = ex.getCommandLine();
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !c.getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + unmatched.getUnmatched().get(0) + "': choose one of "
                    + String.join(", ", c.getSubcommands().keySet());
        }
        return ex.getMessage();
    }

    /**
     * Adds to {@code parent} the command among {@code commands} that {@code args[at]} names, and below it the same way
     * the subcommand named next; all of them (and all below) when the argument names none: help, a typo, an option.
     */
    private static void addSubcommands(CommandLine parent, List<Class<?>> commands, String[] args, int at,
                                       ContextFactory factory) {
        String named = at < args.length ? args[at] : "";
        List<Class<?>> needed = commands.stream()
                .filter(c -> c.getAnnotation(CommandLine.Command.class).name().equals(named)).toList();
        for (Class<?> command : needed.isEmpty() ? commands : needed) {
            CommandLine child;
            try {
                child = new CommandLine(factory.create(command), factory);
            } catch (Exception e) {
                throw new IllegalStateException("cannot build command " + command.getSimpleName(), e);
            }
            parent.addSubcommand(child);
            addSubcommands(child, RootCommand.subcommandsOf(command), args, needed.isEmpty() ? args.length : at + 1,
                    factory);
        }
    }

    /** Creates command objects, handing the context to those that take one. */
    private record ContextFactory(CliContext ctx) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(CliContext.class).newInstance(ctx);
            } catch (NoSuchMethodException noContext) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
