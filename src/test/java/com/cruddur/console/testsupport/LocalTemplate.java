package com.cruddur.console.testsupport;

import com.cruddur.console.core.db.EmbeddedDatabase;
import com.cruddur.console.core.settings.AppPaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A data folder of the local server made once per test JVM by the console's own first start (initdb with a
 * generated password, our pg_hba.conf, the {@code cruddur} database, then a clean stop by its last user), and copied
 * into a test's folder with its password file: a copy takes a fraction of initdb's time, most of which is spent
 * waiting for the disk. For tests of what the server does once its folder exists (sharing, lingering, kills, stale
 * pid files, the commands on {@code local}); tests of the first start itself (EmbeddedDatabaseTest's start on demand
 * and privacy, the old folder's conversion, EmbeddedSharingTest's two first commands at once) still make their own.
 */
public final class LocalTemplate {
    private static Path template;

    private LocalTemplate() {
    }

    /** Gives {@code home} (HOME and XDG_* as {@link CliRunner#environment(Path)} sets them) a local server's folder. */
    public static void seedHome(Path home) {
        copyTo(AppPaths.fromEnvironment(CliRunner.environment(home), home).embeddedDataDir());
    }

    /** Copies the template into {@code pgdata} (which must not exist), and its password file beside it. */
    public static void copyTo(Path pgdata) {
        Path source = template().resolve("pgdata");
        try {
            Files.createDirectories(pgdata.getParent(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            copyTree(source, pgdata);
            Files.copy(source.resolveSibling("pgdata.password"), pgdata.resolveSibling(pgdata.getFileName() + ".password"),
                    StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the local server's template folder to " + pgdata, e);
        }
    }

    private static synchronized Path template() {
        if (template == null) {
            try {
                Path dir = Files.createTempDirectory("cruddur-local-template-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "cruddur-template-cleanup"));
                Path pgdata = dir.resolve("pgdata");
                try (EmbeddedDatabase db = new EmbeddedDatabase(pgdata, dir.resolve("pg.log"), SharedCache.dir())) {
                    db.start();
                }
                if (Files.exists(pgdata.resolve("postmaster.pid"))) {
                    throw new IllegalStateException("the template's server did not stop: " + pgdata);
                }
                template = dir;
            } catch (Exception e) {
                throw new IllegalStateException("cannot make the local server's template folder", e);
            }
        }
        return template;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.copy(dir, to.resolve(from.relativize(dir).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path dir) {
        try (var all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover in the temp folder, nothing a later build trips over
        }
    }
}
