package com.cruddur.console.core.db;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A console process tidying a binaries cache, for {@link BinariesTidyTest}'s two at once: waits for a line on its
 * standard input (so that two start together), tidies {@code args[0]} with {@code args[1]} as its current tree and
 * prints what it removed.
 */
public final class CacheTidier {
    private CacheTidier() {
    }

    public static void main(String[] args) throws Exception {
        new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
        BinariesTidy.Outcome outcome = BinariesTidy.tidy(Path.of(args[0]), args[1], Instant.now());
        System.out.println("removed " + outcome.removed() + " kept " + outcome.kept());
    }
}
