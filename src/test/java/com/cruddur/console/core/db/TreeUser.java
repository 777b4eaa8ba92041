package com.cruddur.console.core.db;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Another console process using an unpacked tree, for {@link BinariesTidyTest}: prepares the tree of the archive
 * {@code args[1]} in the cache folder {@code args[0]} as the console does before it runs a PostgreSQL program, prints
 * {@code ready}, and keeps using it until its standard input ends.
 */
public final class TreeUser {
    private TreeUser() {
    }

    public static void main(String[] args) throws Exception {
        PgBinaries.prepare(Path.of(args[0]), Optional.empty(), BundledArchive.of(Path.of(args[1]).toUri().toURL()));
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // in use until the parent closes our stdin
        }
    }
}
