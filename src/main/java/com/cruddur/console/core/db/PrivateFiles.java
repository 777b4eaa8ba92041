package com.cruddur.console.core.db;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Folders and files only their owner may use (0700, 0600), the checks that they still are, and removing trees of
 * them. Where the file system has no POSIX permissions (Windows), the per-user profile folder is private already
 * and the checks pass.
 */
final class PrivateFiles {
    private static final Logger LOG = Logger.getLogger(PrivateFiles.class.getName());
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static long uid = -1;

    private PrivateFiles() {
    }

    /**
     * Creates {@code dir} (and missing parents) with mode 0700. An existing folder of ours that others may use is
     * made 0700 again; one that belongs to another user is refused.
     */
    static Path directory(Path dir) throws IOException {
        if (!posix(dir)) {
            return Files.createDirectories(dir);
        }
        Files.createDirectories(dir, privateFolder(dir));
        if (!ownedByUs(dir)) {
            throw new FileSystemException(dir.toString(), null, "belongs to another user");
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        if (!perms.equals(DIRECTORY)) {
            LOG.info(() -> dir + " was " + PosixFilePermissions.toString(perms) + ": made private (rwx------)");
            Files.setPosixFilePermissions(dir, DIRECTORY);
        }
        return dir;
    }

    /** The attribute that creates a folder 0700 (none where there are no POSIX permissions). */
    static FileAttribute<?>[] privateFolder(Path where) {
        return posix(where) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIRECTORY)}
                : new FileAttribute<?>[0];
    }

    /** Sets a mode such as {@code r-x------} where the file system has POSIX permissions. */
    static void setMode(Path p, String mode) throws IOException {
        if (posix(p)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        }
    }

    static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("unix");
    }

    /** True when this process's user owns {@code p} itself (a link is not followed). */
    static boolean ownedByUs(Path p) throws IOException {
        if (!posix(p)) {
            return true;
        }
        return ((Number) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue() == uid();
    }

    /**
     * Why someone else could change {@code p} itself: another user owns it, or group or others may write to it
     * (a link's own mode means nothing and is not checked). Empty when only we can. One {@code lstat}.
     */
    static Optional<String> whyNotPrivate(Path p) throws IOException {
        if (!posix(p)) {
            return Optional.empty();
        }
        Map<String, Object> attrs = Files.readAttributes(p, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
        if (((Number) attrs.get("uid")).longValue() != uid()) {
            return Optional.of("belongs to another user");
        }
        int mode = (Integer) attrs.get("mode");
        boolean link = (mode & 0170000) == 0120000;
        if (!link && (mode & 0022) != 0) {
            return Optional.of("is writable by group or others (mode " + Integer.toOctalString(mode & 07777) + ")");
        }
        return Optional.empty();
    }

    /** True when group or others may do anything with {@code p}. */
    static boolean othersMayAccess(Path p) throws IOException {
        if (!posix(p)) {
            return false;
        }
        return Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).stream()
                .anyMatch(perm -> !perm.name().startsWith("OWNER_"));
    }

    /**
     * Deletes {@code dir} and everything in it (links are removed, not followed); what another process deletes
     * meanwhile is simply gone; other failures are logged.
     */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warning(() -> "could not delete " + dir + " (nothing uses it): " + e);
        }
    }

    /** This process's user id (PostgreSQL refuses to run as root, 0). */
    static synchronized long uid() {
        if (uid < 0) {
            uid = new com.sun.security.auth.module.UnixSystem().getUid();
        }
        return uid;
    }
}
