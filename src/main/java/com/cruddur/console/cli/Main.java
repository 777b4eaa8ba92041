package com.cruddur.console.cli;

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
        try (CliContext ctx = new CliContext(System.getenv(), System.in, out, err, true)) {
            return run(ctx, args);
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
        String named = args.length > 0 ? args[0] : "";
        List<Class<?>> needed = RootCommand.COMMANDS.stream()
                .filter(c -> c.getAnnotation(CommandLine.Command.class).name().equals(named)).toList();
        for (Class<?> command : needed.isEmpty() ? RootCommand.COMMANDS : needed) {
            try {
                cmd.addSubcommand(new CommandLine(factory.create(command), factory));
            } catch (Exception e) {
                throw new IllegalStateException("cannot build command " + command.getSimpleName(), e);
            }
        }
        cmd.setOut(ctx.out());
        cmd.setErr(ctx.err());
        cmd.setExitCodeExceptionMapper(t -> FAILED);
        cmd.setParameterExceptionHandler((ex, a) -> {
            ctx.err().println("cruddur-console: " + ex.getMessage());
            CommandLine c = ex.getCommandLine();
            ctx.err().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            ctx.err().println("cruddur-console: " + CliErrors.summary(ex));
            CliErrors.details(ex).ifPresent(ctx.err()::println);
            ctx.logFailure(ex);
            return ex instanceof UsageException ? USAGE : FAILED;
        });
        return cmd;
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
