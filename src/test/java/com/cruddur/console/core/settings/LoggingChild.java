package com.cruddur.console.core.settings;

import java.nio.file.Path;
import java.util.logging.Logger;

/** A second console process logging to the same file (used by LoggingTest). */
public final class LoggingChild {
    private LoggingChild() {
    }

    public static void main(String[] args) {
        if (!Logging.toFile(Path.of(args[0]))) {
            System.exit(3);
        }
        Logger.getLogger("child").info("from the second process");
    }
}
