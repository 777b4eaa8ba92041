package com.cruddur.console.core.settings;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Sends all logging (ours, HikariCP's, the AWS SDK's through slf4j-jdk14) to the log file, not the terminal. */
public final class Logging {
    /** Size at which the log is rotated: the previous one is kept as {@code <name>.1}. */
    static final long ROTATE_AT_BYTES = 10_000_000;

    private Logging() {
    }

    /** Configures java.util.logging to append to {@code logFile}; returns false (logging to nowhere) if it cannot. */
    public static boolean toFile(Path logFile) {
        return toFile(logFile, ROTATE_AT_BYTES);
    }

    static boolean toFile(Path logFile, long rotateAtBytes) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        // JavaFX warns about running from the class path; the launcher does that on purpose.
        Logger.getLogger("com.sun.javafx.application.PlatformImpl").setLevel(Level.SEVERE);
        try {
            Handler file = new PrivateLogFile(logFile, rotateAtBytes);
            file.setFormatter(new LineFormatter());
            root.addHandler(file);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * One line per record, {@code 2026-11-24 00:07:40 INFO logger: message}, then the stack trace if any. Not
     * {@code SimpleFormatter}: creating one test-formats its pattern with the local time zone, which loads the time
     * zone rules and cost every CLI command ~40 ms at start even when nothing was logged.
     */
    static final class LineFormatter extends Formatter {
        @Override
        public String format(LogRecord r) {
            ZonedDateTime time = ZonedDateTime.ofInstant(r.getInstant(), ZoneId.systemDefault());
            StringBuilder line = new StringBuilder(String.format("%1$tF %1$tT %2$s %3$s: %4$s", time,
                    r.getLevel().getLocalizedName(), r.getLoggerName(), formatMessage(r)));
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                try (PrintWriter w = new PrintWriter(trace)) {
                    r.getThrown().printStackTrace(w);
                }
                line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
            }
            return line.append(System.lineSeparator()).toString();
        }
    }
}
