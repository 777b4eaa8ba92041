package com.cruddur.console.testsupport;

import java.nio.file.Path;

/**
 * One cache folder ($XDG_CACHE_HOME) for the test homes of a build: the PostgreSQL binaries are unpacked there once,
 * not again in each temporary home that starts its local server. Tests about unpacking give their own folder.
 * Under target/ when Maven runs the tests (surefire sets the property), so a clean build starts without it.
 */
public final class SharedCache {
    private SharedCache() {
    }

    public static Path dir() {
        String set = System.getProperty("cruddur.test.cache");
        return set != null && !set.isBlank() ? Path.of(set)
                : Path.of(System.getProperty("java.io.tmpdir"), "cruddur-test-cache-" + System.getProperty("user.name"));
    }

    /**
     * Where the tests' own servers ({@link TestPostgres}, zonky's) keep the binaries zonky unpacks and their data
     * folders: beside {@link #dir()}, so under target/ too.
     */
    public static Path testServers() {
        Path cache = dir();
        return cache.resolveSibling(cache.getFileName() + "-servers");
    }
}
