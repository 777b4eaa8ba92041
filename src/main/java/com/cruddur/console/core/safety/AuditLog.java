package com.cruddur.console.core.safety;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another process created it first; append below
                }
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log " + file + ": " + e.getMessage(), e);
        }
    }

    private static String clean(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
