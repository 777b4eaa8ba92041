package com.cruddur.console.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cruddur-console}: with no arguments the GUI opens (see Launcher); with a command, the CLI runs. */
@Command(name = "cruddur-console", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Admin console for the Cruddur PostgreSQL database: connection profiles, schema, browsing, RDS.",
                "Run without arguments to open the window."},
        footer = {"", "Exit codes: 0 done, 1 the operation failed, 2 bad usage.",
                // one place a line, each under the first: picocli wraps a footer line longer than the help's width
                "Files: $XDG_CONFIG_HOME/cruddur-console   profiles, window and AWS settings",
                "       $XDG_DATA_HOME/cruddur-console     embedded database",
                "       $XDG_STATE_HOME/cruddur-console    log, audit log"})
public final class RootCommand implements Runnable {
    /**
     * The top-level commands. Main registers only the one a command line names (all of them for help or a typo), and
     * below it only the named subcommand, because building picocli's model of every command costs more start-up time
     * than most commands take to run.
     */
    static final java.util.List<Class<?>> COMMANDS = java.util.List.of(
            ProfilesCommand.class, DbCommand.class, BrowseCommand.class, QueryCommand.class, ExportCommand.class,
            RdsCommand.class, CognitoCommand.class, LocalCommand.class);

    /** The subcommands of a command (registered the same way, one level down), none for a leaf. */
    static java.util.List<Class<?>> subcommandsOf(Class<?> command) {
        return command == DbCommand.class ? DbCommand.SUBCOMMANDS
                : command == ProfilesCommand.class ? ProfilesCommand.SUBCOMMANDS
                : command == RdsCommand.class ? RdsCommand.SUBCOMMANDS
                : command == CognitoCommand.class ? CognitoCommand.SUBCOMMANDS
                : command == LocalCommand.class ? LocalCommand.SUBCOMMANDS
                : java.util.List.of();
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
