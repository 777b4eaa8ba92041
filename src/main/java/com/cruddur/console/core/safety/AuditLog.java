package com.cruddur.console.core.safety;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.nio.ByteBuffer;

/**
 * Append-only record of destructive operations (time, profile, host, database, operation, outcome),
 * one tab-separated line each, in {@code $XDG_STATE_HOME/cruddur-console/audit.log} (mode 0600).
 */
public final class AuditLog {
    private final Path file;
    private final Clock clock;

    public AuditLog(Path file) {
        this(file, Clock.systemUTC());
    }

    public AuditLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /** Appends one entry; outcome is e.g. "ok", "refused: ..." or "failed: ...". */
    public synchronized void record(String profile, String host, String database, String operation, String outcome) {
        String line = String.join("\t", Instant.now(clock).toString(), clean(profile), clean(host),
                clean(database), clean(operation), clean(outcome)) + "\n";
        try (FileChannel ch = open()) {
            ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /**
     * Checks, before a destructive operation starts, that its entry could be appended: creates the folder (0700)
     * and the file (0600) when missing and opens the file for appending, writing nothing.
     */
    public synchronized void preflight() {
        try (FileChannel ignored = open()) {
            // opened for appending: the entry after the operation can be written
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private FileChannel open() throws IOException {
        Path dir = file.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectories(dir);
            }
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            } catch (FileAlreadyExistsException raced) {
                // another process created it first; append below
            }
        }
        return FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private UncheckedIOException failure(IOException e) {
        String reason;
        if (e instanceof FileAlreadyExistsException) {
            reason = e.getMessage() + " is a file where a folder should be";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
            reason = fs.getReason();
        } else {
            reason = String.valueOf(e.getMessage());
        }
        return new UncheckedIOException("cannot write the audit log " + file + " (" + reason + ")", e);
    }

    private static String clean(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
