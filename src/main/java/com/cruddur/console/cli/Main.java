package com.cruddur.console.cli;

/** CLI entry point (filled in by the foundation work). */
public final class Main {
    private Main() {
    }

    public static int run(String[] args) {
        System.err.println("cruddur-console: CLI not built yet");
        return 2;
    }
}
