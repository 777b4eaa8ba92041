package com.cruddur.console.testsupport;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.db.PasswordResolver;
import com.cruddur.console.core.settings.AppPaths;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Core services for GUI tests: files under a temporary home (the cache shared: {@link SharedCache}), no
 * environment-provided profiles.
 */
public final class GuiTestSupport {
    /** Homes handed to {@link #core(Path)}: {@link ClassCleanup} deletes them when their class ends. */
    private static final Queue<Path> HOMES = new ConcurrentLinkedQueue<>();
    private static final Path NOTHING = Path.of("");

    private GuiTestSupport() {
    }

    public static CoreServices core(Path home) {
        return core(home, p -> Optional.empty());
    }

    /** As {@link #core(Path)}, asking {@code prompt} for passwords. */
    public static CoreServices core(Path home, PasswordResolver.Prompt prompt) {
        HOMES.add(home);
        AppPaths paths = AppPaths.fromEnvironment(Map.of("XDG_CACHE_HOME", SharedCache.dir().toString()), home);
        return CoreServices.create(paths, Map.of("HOME", home.toString()), prompt);
    }

    /** Deletes the homes given out so far, as far as it can: a file still in use stays for the next class's turn. */
    static void deleteHomes() {
        for (int n = HOMES.size(); n > 0; n--) {
            Path home = HOMES.poll();
            if (home != null && !deleteTree(madeFor(home))) {
                HOMES.add(home);
            }
        }
    }

    /**
     * The temporary folder a fixture made for {@code home} (its first folder under java.io.tmpdir: a home may sit
     * deeper, as a long user name's does); a JUnit {@code @TempDir} is left to JUnit, and a home elsewhere as it is.
     */
    private static Path madeFor(Path home) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        Path abs = home.toAbsolutePath();
        if (!abs.startsWith(tmp) || abs.equals(tmp)) {
            return NOTHING;
        }
        Path top = tmp.resolve(tmp.relativize(abs).getName(0));
        return top.getFileName().toString().startsWith("junit") ? NOTHING : top;
    }

    private static boolean deleteTree(Path root) {
        if (root == NOTHING) {
            return true;
        }
        if (!Files.exists(root)) {
            return true;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
