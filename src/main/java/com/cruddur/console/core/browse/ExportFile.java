package com.cruddur.console.core.browse;

import com.cruddur.console.core.settings.AtomicFiles;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where an export's bytes go, decided as psql decides for {@code \o FILE}: a regular file (or a new one) is written to
 * a temporary file in its folder, made durable and renamed over it at the end, so a failed export leaves the old file
 * or nothing; a device or FIFO is written directly (a rename would replace {@code /dev/stdout} itself); a symbolic link
 * is written through — the link stays, and the file it points to gets the temporary file and the rename. Links into
 * {@code /proc} ({@code /dev/stdout} is one) name an open file of a process and are opened as they are.
 *
 * <p>Temporary files are named {@code .NAME.PID.RANDOM.part}; opening an export removes those of processes that are no
 * longer running (killed mid-export), so none outlives its command for long.
 */
final class ExportFile implements Closeable {
    private static final String PART = ".part";

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private boolean done;

    private ExportFile(Path target, Path temp, FileChannel channel, OutputStream stream) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.stream = stream;
    }

    /** Opens {@code out} for an export; a {@link BrowseException} says why it cannot be. */
    static ExportFile open(Path out) {
        try {
            Path p;
            try {
                p = AtomicFiles.followLinks(out, link -> link.startsWith("/proc"));
            } catch (FileSystemException loop) {
                if (loop.getReason() == null || !loop.getReason().startsWith("too many levels")) {
                    throw loop;
                }
                throw new BrowseException("cannot export to " + out + ": too many levels of symbolic links", loop);
            }
            if (Files.isSymbolicLink(p)) {
                return direct(p, true); // a /proc link names an open file of a process: open it as it is
            }
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException absent) {
                return replacing(out, p);
            }
            if (a.isDirectory()) {
                throw new BrowseException("cannot export to " + out + ": it is a folder — give a file name, e.g. "
                        + out.resolve("export.csv"));
            }
            return a.isRegularFile() ? replacing(out, p) : direct(p, false);
        } catch (IOException e) {
            throw new BrowseException("cannot write " + out + ": " + e.getMessage() + " — check the path and permissions", e);
        }
    }

    private static ExportFile direct(Path p, boolean truncate) throws IOException {
        FileChannel ch = truncate
                ? FileChannel.open(p, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)
                : FileChannel.open(p, StandardOpenOption.WRITE);
        return new ExportFile(p, null, ch, new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16));
    }

    private static ExportFile replacing(Path out, Path file) throws IOException {
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new BrowseException("cannot export to " + out + ": the folder " + dir + " does not exist — create it first");
        }
        String name = file.getFileName().toString();
        removeStaleParts(dir, name);
        Path temp = Files.createTempFile(dir, "." + name + "." + ProcessHandle.current().pid() + ".", PART);
        try {
            FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE);
            return new ExportFile(file, temp, ch, new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Temporary files for this target left by processes that are gone (kill -9, power loss). */
    static void removeStaleParts(Path dir, String name) {
        String prefix = "." + name + ".";
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(PART))) {
            for (Path entry : entries) {
                String middle = entry.getFileName().toString();
                middle = middle.substring(prefix.length(), middle.length() - PART.length());
                int dot = middle.indexOf('.');
                long pid;
                try {
                    pid = Long.parseLong(dot < 0 ? middle : middle.substring(0, dot));
                } catch (NumberFormatException notOurs) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // a running export (ours or another process's)
                }
                try {
                    Files.deleteIfExists(entry);
                } catch (IOException ignored) {
                    // not ours to remove (another user's folder): the export itself still works
                }
            }
        } catch (IOException ignored) {
            // an unreadable folder fails the export itself, with its own message
        }
    }

    OutputStream stream() {
        return stream;
    }

    /** The file that holds the export once committed (for a link, the file it points to). */
    Path target() {
        return target;
    }

    /** Makes the export the file's content: for a regular file, fsync, rename over it, fsync the folder. */
    void commit() throws IOException {
        stream.flush();
        if (temp != null) {
            channel.force(false); // the data and the size: what the rename needs to find after a crash
        }
        stream.close();
        if (temp != null) {
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            AtomicFiles.fsyncDirectory(target.toAbsolutePath().getParent()); // the rename itself survives a crash
        }
        done = true;
    }

    /** Without a commit: closes and removes the temporary file, leaving the target as it was. */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            stream.close();
        } catch (IOException ignored) {
            // the export already failed; its error says why
        }
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // removed by the next export into this folder (removeStaleParts)
            }
        }
    }
}
