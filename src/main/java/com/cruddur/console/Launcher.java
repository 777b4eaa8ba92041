package com.cruddur.console;

import com.cruddur.console.core.settings.AppPaths;
import com.cruddur.console.core.settings.Logging;

/**
 * Entry point of the jar: no arguments opens the GUI, any argument runs the CLI.
 * It does not extend {@code Application}, so JavaFX may live on the class path.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            // Before JavaFX starts, so its start-up warnings go to the log file rather than the terminal.
            Logging.toFile(AppPaths.forCurrentUser().logFile());
            com.cruddur.console.ui.App.launchGui(args);
        } else {
            System.exit(com.cruddur.console.cli.Main.run(args));
        }
    }
}
