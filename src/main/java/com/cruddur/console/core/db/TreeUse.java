package com.cruddur.console.core.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A console process's use of an unpacked PostgreSQL tree, as other console processes (of any version with
 * {@link BinariesTidy}) can see it: a <em>shared</em> lock on {@code <tree>/}{@value #LOCK}, held from the first
 * use until the process ends (the operating system drops it however the process ends), and the modification time of
 * {@code <tree>/}{@value #MARK}, set at that first use. A tidy removes only a tree it can lock exclusively, so never
 * one a running console holds; the mark tells it when a tree was last used by a console that has ended.
 *
 * <p>Java's file locks belong to the JVM, and on POSIX closing any channel of a file drops all of the JVM's locks on
 * it: the JVM holds one channel per tree, and its own tidy asks {@link #heldHere} before it opens a tree's lock file.
 * Both run under this class's monitor.
 */
final class TreeUse {
    static final String LOCK = "IN-USE.lock";
    static final String MARK = "LAST-USED";
    private static final Set<OpenOption> OPEN = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    /** The tree (its folder's identity) and the lock file this JVM holds a shared lock on. */
    private record Held(Object tree, Object lockFile, FileChannel channel) {
    }

    private static final Map<Path, Held> HELD = new HashMap<>();

    private TreeUse() {
    }

    /**
     * Holds the tree at {@code root} (a real folder) for the rest of this JVM and marks it used now. False when the
     * folder at {@code root} was moved away (by a tidy) before the lock was had: the caller looks again.
     */
    static synchronized boolean hold(Path root) throws IOException {
        Object tree = fileKey(root);
        if (tree == null) {
            return false;
        }
        Held held = HELD.get(root);
        if (held != null && held.tree().equals(tree)) {
            return true;
        }
        release(root);
        Path lockFile = root.resolve(LOCK);
        FileChannel channel;
        try {
            channel = openLock(root);
        } catch (NoSuchFileException e) {
            return false;
        }
        boolean kept = false;
        try {
            // waits while another console's tidy holds it exclusively: only while it looks and renames
            channel.lock(0, Long.MAX_VALUE, true);
            if (!tree.equals(fileKey(root))) {
                return false;
            }
            mark(root.resolve(MARK));
            HELD.put(root, new Held(tree, fileKey(lockFile), channel));
            kept = true;
            return true;
        } finally {
            if (!kept) {
                channel.close();
            }
        }
    }

    /** Gives up this JVM's hold on {@code root} (a tree about to be discarded); nothing when it holds none. */
    static synchronized void release(Path root) throws IOException {
        Held held = HELD.remove(root);
        if (held != null) {
            held.channel().close();
        }
    }

    /** True when this JVM holds the lock file with this identity (a file key), under whatever path it is now. */
    static synchronized boolean heldHere(Object lockFile) {
        return lockFile != null && HELD.values().stream().anyMatch(h -> lockFile.equals(h.lockFile()));
    }

    /** The identity of {@code p} itself (a link is not followed), or null when there is nothing there. */
    static Object fileKey(Path p) throws IOException {
        try {
            return Objects.requireNonNull(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey(), "file keys are available on the platforms bundled");
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Opens (makes, private, when missing) the lock file of {@code tree}; a link there is not followed. */
    static FileChannel openLock(Path tree) throws IOException {
        return FileChannel.open(tree.resolve(LOCK), OPEN, ownerOnly(tree));
    }

    private static FileAttribute<?>[] ownerOnly(Path where) {
        return PrivateFiles.posix(where)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    private static void mark(Path mark) throws IOException {
        if (!Files.exists(mark, LinkOption.NOFOLLOW_LINKS)) {
            Files.createFile(mark, ownerOnly(mark.getParent()));
        }
        Files.getFileAttributeView(mark, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(Instant.now()), null, null);
    }
}
