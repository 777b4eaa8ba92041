package com.cruddur.console;

/**
 * Entry point of the jar: no arguments opens the GUI, any argument runs the CLI.
 * It does not extend {@code Application}, so JavaFX may live on the class path.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            com.cruddur.console.ui.App.launchGui(args);
        } else {
            System.exit(com.cruddur.console.cli.Main.run(args));
        }
    }
}
