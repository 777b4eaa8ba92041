package com.cruddur.console.core.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Sends all logging (ours, HikariCP's, the AWS SDK's through slf4j-jdk14) to the log file, not the terminal. */
public final class Logging {
    private Logging() {
    }

    /** Configures java.util.logging to append to {@code logFile}; returns false (logging to nowhere) if it cannot. */
    public static boolean toFile(Path logFile) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        // JavaFX warns about running from the class path; the launcher does that on purpose.
        Logger.getLogger("com.sun.javafx.application.PlatformImpl").setLevel(Level.SEVERE);
        try {
            Files.createDirectories(logFile.getParent());
            Handler file = new FileHandler(logFile.toString(), 10_000_000, 1, true);
            file.setFormatter(new SimpleFormatter());
            root.addHandler(file);
            AtomicFiles.restrict(logFile);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
