package com.cruddur.console.cli;

import java.util.Optional;

/** How failures are printed: a one-line summary first, details (if any) after it. */
final class CliErrors {
    private CliErrors() {
    }

    static String summary(Throwable ex) {
        String msg = ex.getMessage();
        if (msg == null || msg.isBlank()) {
            return ex.getClass().getSimpleName() + " (details in the log file)";
        }
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }

    static Optional<String> details(Throwable ex) {
        String msg = ex.getMessage();
        if (msg == null) {
            return Optional.empty();
        }
        int nl = msg.indexOf('\n');
        return nl < 0 ? Optional.empty() : Optional.of(msg.substring(nl + 1));
    }
}
