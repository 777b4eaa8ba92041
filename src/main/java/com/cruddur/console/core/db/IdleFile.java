package com.cruddur.console.core.db;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code <folder>.idle}: when a console process last joined or left the embedded server, and the idle time it asked
 * for ({@code <idle ms> <epoch ms>}). Read and written only under {@link ServerLease}'s control lock, so it is never
 * seen half-written; mode 0600 like the other files beside the folder. It holds nothing private.
 */
final class IdleFile {
    /** The last use: its time and the idle time asked for then. */
    record Use(Duration idle, Instant at) {
    }

    private final Path file;

    IdleFile(Path file) {
        this.file = file;
    }

    void write(Duration idle, Instant at) throws IOException {
        byte[] text = (idle.toMillis() + " " + at.toEpochMilli() + "\n").getBytes(StandardCharsets.US_ASCII);
        try (FileChannel ch = ServerLease.open(file)) {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(text), 0);
        }
    }

    /** The last use; a missing or unreadable file (a server started by an earlier version) means: stop when unused. */
    Use read() throws IOException {
        try {
            String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
            return new Use(Duration.ofMillis(Long.parseLong(parts[0])), Instant.ofEpochMilli(Long.parseLong(parts[1])));
        } catch (NoSuchFileException e) {
            return new Use(Duration.ZERO, Instant.EPOCH);
        } catch (RuntimeException e) {
            return new Use(Duration.ZERO, Instant.EPOCH);
        }
    }
}
