package com.cruddur.console;

import com.cruddur.console.cli.CliContext;
import com.cruddur.console.cli.Main;
import com.cruddur.console.core.settings.AppPaths;
import com.cruddur.console.core.settings.Logging;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.startup.StartupThread;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Entry point of the jar and the app image: no arguments opens the GUI, any argument runs the CLI.
 * It does not extend {@code Application}, so JavaFX may live on the class path.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        String training = System.getenv("CRUDDUR_CONSOLE_TRAIN");
        if (training != null) {
            train(training);
            return;
        }
        if (args.length == 0) {
            StartupThread.launch(args, () -> Logging.toFile(AppPaths.forCurrentUser().logFile()));
        } else {
            System.exit(Main.run(args));
        }
    }

    /**
     * The training run of the image build (src/dist/DistBuilder), whose JVM writes the image's AOT cache when it exits:
     * the common CLI paths in one process (help, profiles, a setup of the embedded database in the build's temporary
     * home), then (with a display) the GUI up to its first window. One run, because the JVM makes a cache from one.
     */
    private static void train(String mode) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        String[][] commands = {{"--help"}, {"profiles", "list"}, {"profiles", "list", "--json"},
            {"db", "setup", "--profile", "local"}};
        for (String[] command : commands) {
            try (CliContext ctx = new CliContext(System.getenv(), new ByteArrayInputStream(new byte[0]), sink, sink, true)) {
                Main.run(ctx, command);
            }
        }
        if ("gui".equals(mode)) {
            System.setProperty(App.EXIT_AFTER_SHOWN_PROPERTY, "true");
            StartupThread.launch(new String[0], () -> { });
        }
    }
}
