package com.cruddur.console.core.settings;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes files so that a crash at any moment leaves either the old or the new content:
 * write a temporary file in the same folder, fsync it, rename it over the target, fsync the folder.
 */
public final class AtomicFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** One lock per lock file in this JVM: a second FileChannel.lock() in the same process throws instead of waiting. */
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private AtomicFiles() {
    }

    /** Work done while holding a file's lock. */
    @FunctionalInterface
    public interface LockedWork<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code work} holding the exclusive lock of {@code file} ({@code <file>.lock} beside it, mode 0600), so a
     * read-modify-write by another thread or another process cannot interleave with it and lose its change. The file
     * itself cannot carry the lock: an atomic rename replaces it with a new one.
     */
    public static <T> T underLock(Path file, LockedWork<T> work) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        Files.createDirectories(absolute.getParent());
        Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, k -> new ReentrantLock());
        local.lock();
        try (FileChannel ch = openPrivate(lockFile); FileLock ignored = ch.lock()) {
            return work.run();
        } finally {
            local.unlock();
        }
    }

    private static FileChannel openPrivate(Path file) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            return FileChannel.open(file, options, ownerOnly);
        } catch (UnsupportedOperationException notPosix) {
            return FileChannel.open(file, options);
        }
    }

    /** Symbolic links followed before giving up, as the kernel's own limit (ELOOP). */
    public static final int MAX_LINKS = 40;

    /**
     * The file {@code path} names once every symbolic link on it is followed (the link's target may not exist yet),
     * stopping early at a link for which {@code stopAt} is true. A file is written through its link: the temporary
     * file goes beside the target and is renamed over it, so the link stays and the target gets the content.
     */
    public static Path followLinks(Path path, java.util.function.Predicate<Path> stopAt) throws IOException {
        Path p = path.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(p) && !stopAt.test(p); hops++) {
            if (hops == MAX_LINKS) {
                throw new java.nio.file.FileSystemException(path.toString(), null, "too many levels of symbolic links");
            }
            p = p.resolveSibling(Files.readSymbolicLink(p));
        }
        return p;
    }

    /**
     * Replaces {@code target} with {@code content}; the file is created with mode 0600. A symbolic link is written
     * through (the file it points to is replaced, the link stays).
     */
    public static void writePrivate(Path link, byte[] content) throws IOException {
        Path target = followLinks(link, p -> false);
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            restrict(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            fsyncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Renames {@code file} to {@code <name>.<suffix>-<yyyyMMdd-HHmmss>} in the same folder, so a file we cannot use
     * is kept for the user rather than overwritten; returns where it went.
     */
    public static Path moveAside(Path file, String suffix) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path aside = file.resolveSibling(file.getFileName() + "." + suffix + "-" + stamp);
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        return aside;
    }

    /** Sets mode 0600 where the file system supports POSIX permissions. */
    public static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user profile folder is private already.
        }
    }

    /** True when group or others may read or write the file (libpq then ignores ~/.pgpass). */
    public static boolean isGroupOrWorldAccessible(Path file) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.GROUP_WRITE)
                    || perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.OTHERS_WRITE)
                    || perms.contains(PosixFilePermission.GROUP_EXECUTE) || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (UnsupportedOperationException notPosix) {
            return false;
        }
    }

    /** Makes a rename or a new entry in {@code dir} durable (best effort where a folder cannot be opened). */
    public static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Not all platforms can open a directory; the rename itself is still atomic.
        }
    }
}
