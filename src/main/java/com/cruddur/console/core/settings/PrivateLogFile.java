package com.cruddur.console.core.settings;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * The log file: created with mode 0600 (never readable by others, not even for a moment), shared by every console
 * process of the user (appends are atomic per record), and rotated at {@code limit} bytes by renaming it to
 * {@code <name>.1}, which keeps the mode. Not {@code java.util.logging.FileHandler}: a second process got its own
 * {@code <name>.1} with the umask's mode 0644, and every generation it rotated to was created the same way.
 */
final class PrivateLogFile extends Handler {
    private final Path file;
    private final Path previous;
    private final long limit;
    private FileChannel channel;
    private Object fileKey;

    /** Opens (creates) the file now, so that a file that cannot be written is known at once. */
    PrivateLogFile(Path file, long limit) throws IOException {
        this.file = file.toAbsolutePath();
        this.previous = this.file.resolveSibling(this.file.getFileName() + ".1");
        this.limit = limit;
        open();
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        byte[] bytes = getFormatter().format(record).getBytes(StandardCharsets.UTF_8);
        try {
            BasicFileAttributes now = attributesOrNull();
            if (now == null || !Objects.equals(now.fileKey(), fileKey)) {
                reopen(); // removed, or rotated by another process: write where the others write
                now = attributesOrNull();
            }
            if (now != null && now.size() + bytes.length > limit && now.size() > 0) {
                rotate();
            }
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        } catch (IOException | RuntimeException e) {
            // Logging must never break the work being logged, nor print to the user's terminal.
        }
    }

    private void rotate() throws IOException {
        AtomicFiles.underLock(file, () -> {
            BasicFileAttributes current = attributesOrNull();
            // Another process may have rotated while we waited for the lock.
            if (current != null && Objects.equals(current.fileKey(), fileKey)) {
                try {
                    Files.move(file, previous, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(file, previous, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            reopen();
            return null;
        });
    }

    private BasicFileAttributes attributesOrNull() throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    private void reopen() throws IOException {
        closeChannel();
        open();
    }

    private void open() throws IOException {
        Files.createDirectories(file.getParent());
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        try {
            channel = FileChannel.open(file, options,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            channel = FileChannel.open(file, options);
        }
        AtomicFiles.restrict(file); // a file made by an older version, or by someone's umask
        fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    @Override
    public void flush() {
        // every record is written straight to the file
    }

    @Override
    public synchronized void close() {
        closeChannel();
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to write
            }
            channel = null;
        }
    }
}
