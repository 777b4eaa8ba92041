package com.cruddur.console.core.db;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
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
            LOG.warning(() -> dir + " was " + PosixFilePermissions.toString(perms) + ": made private (rwx------)");
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

    /** True when group or others may write to {@code p} (links themselves carry no permissions and are skipped). */
    static boolean othersMayWrite(Path p) throws IOException {
        if (!posix(p) || Files.isSymbolicLink(p)) {
            return false;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        return perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE);
    }

    /** True when group or others may do anything with {@code p}. */
    static boolean othersMayAccess(Path p) throws IOException {
        if (!posix(p)) {
            return false;
        }
        return Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).stream()
                .anyMatch(perm -> !perm.name().startsWith("OWNER_"));
    }

    /** Deletes {@code dir} and everything in it (links are removed, not followed); failures are logged. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warning(() -> "could not delete " + dir + " (nothing uses it): " + e);
        }
    }

    /** This process's user id (PostgreSQL refuses to run as root, 0). */
    static long uid() {
        return new com.sun.security.auth.module.UnixSystem().getUid();
    }
}
