package com.cruddur.console;

import com.cruddur.console.cli.CliContext;
import com.cruddur.console.cli.Main;
import com.cruddur.console.core.settings.AppPaths;
import com.cruddur.console.core.settings.Logging;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.startup.StartupThread;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

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
     * home, a query and an export of its activities), then (with a display) the GUI up to its first window. One run,
     * because the JVM makes a cache from one.
     */
    private static void train(String mode) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        Path exported;
        try {
            exported = Files.createTempFile("cruddur-aot-train", ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // query and export on the database db setup has just made: a query's and an export's own code, from the
        // session to the rows written, then starts from the cache too, not only the parts they share with db setup
        String[][] commands = {{"--help"}, {"profiles", "list"}, {"profiles", "list", "--json"},
            {"db", "setup", "--profile", "local"},
            {"query", "--profile", "local", "--format", "csv", "-c", "SELECT * FROM activities"},
            {"query", "--profile", "local", "-c", "SELECT 1"},
            {"export", "activities", "--profile", "local", "--format", "csv", "--out", exported.toString()}};
        try {
            for (String[] command : commands) {
                // stdout as bytes too, as in a real run: csv is copied as the server's bytes
                try (CliContext ctx = new CliContext(System.getenv(), new ByteArrayInputStream(new byte[0]), sink, sink,
                        true, false, OutputStream.nullOutputStream())) {
                    Main.run(ctx, command);
                }
            }
        } finally {
            try {
                Files.deleteIfExists(exported);
            } catch (IOException ignored) {
                // a temporary file of the build's training run
            }
        }
        if ("gui".equals(mode)) {
            System.setProperty(App.EXIT_AFTER_SHOWN_PROPERTY, "true");
            StartupThread.launch(new String[0], () -> { });
        }
    }
}
