package com.cruddur.console;

/**
 * Entry point of the jar: no arguments opens the GUI, any argument runs the CLI.
 * It does not extend {@code Application}, so JavaFX may live on the class path.
 */
public final class Launcher {
    /** Held so the level set below is not lost to garbage collection of the logger. */
    private static final java.util.logging.Logger FX_PLATFORM_LOG =
            java.util.logging.Logger.getLogger("com.sun.javafx.application.PlatformImpl");

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            // JavaFX warns when it runs from the class path, which this launcher does on purpose.
            FX_PLATFORM_LOG.setLevel(java.util.logging.Level.SEVERE);
            com.cruddur.console.ui.App.launchGui(args);
        } else {
            System.exit(com.cruddur.console.cli.Main.run(args));
        }
    }
}
