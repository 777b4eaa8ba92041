package com.cruddur.console.core.schema.script;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * The bytes of a SQL file the console is asked to run (schema, seed, migration), read in bounded memory: what cannot be
 * a script is refused before it is loaded. A device, FIFO or folder is never opened for reading ({@code /dev/zero}
 * never ends, a FIFO blocks); a file larger than {@link #MAX_BYTES} is refused by its size; a NUL byte (binary or
 * UTF-16 data) is refused as soon as the chunk holding it is read, and a file that grows past the limit while being
 * read is refused there.
 */
public final class SqlFileBytes {
    /** The largest SQL file the console loads (the whole text is split in memory before anything runs). */
    public static final long MAX_BYTES = 128L << 20;
    static final String LIMIT_TEXT = "128 MiB";
    private static final int CHUNK = 1 << 16;

    private SqlFileBytes() {
    }

    /** The whole file, checked as it is read; a {@link SqlFileException} says what is wrong and what to do. */
    public static byte[] read(Path path, String name) {
        BasicFileAttributes a = attributes(path, name);
        if (a.isDirectory()) {
            throw new SqlFileException(name + " is a directory, not a SQL file: point at the .sql file");
        }
        if (!a.isRegularFile()) {
            throw new SqlFileException(name + " is not a regular file (a device, FIFO or socket), so it is not read as"
                    + " SQL: point at a .sql file");
        }
        if (a.size() > MAX_BYTES) {
            throw tooLarge(name, a.size());
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return readChecked(ch, name, (int) a.size());
        } catch (AccessDeniedException e) {
            throw new SqlFileException(name + " is not readable: check its permissions", e);
        } catch (NoSuchFileException e) {
            throw new SqlFileException(name + " does not exist: check the path (or the project folder's db/ directory)", e);
        } catch (IOException e) {
            throw new SqlFileException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static BasicFileAttributes attributes(Path path, String name) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            String why = Files.isSymbolicLink(path) ? " (it is a symbolic link to a file that does not exist)" : "";
            throw new SqlFileException(name + " does not exist" + why
                    + ": check the path (or the project folder's db/ directory)", e);
        } catch (AccessDeniedException e) {
            throw new SqlFileException(name + " is not readable: check its permissions", e);
        } catch (FileSystemException e) {
            // ELOOP and the like: the JDK's reason is the OS's own text ("Too many levels of symbolic links")
            throw new SqlFileException("cannot read " + name + ": " + (e.getReason() == null ? e.getMessage() : e.getReason())
                    + " — check the path and its symbolic links", e);
        } catch (IOException e) {
            throw new SqlFileException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readChecked(FileChannel ch, String name, int expected) throws IOException {
        byte[] bytes = new byte[Math.max(expected, 16)];
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        int total = 0;
        int line = 1;
        int column = 1;
        while (ch.read(chunk.clear()) >= 0) {
            chunk.flip();
            int n = chunk.remaining();
            if ((long) total + n > MAX_BYTES) {
                throw tooLarge(name, (long) total + n);
            }
            for (int k = 0; k < n; k++) {
                byte b = chunk.get(k);
                if (b == 0) {
                    throw new SqlFileException(name + ":" + line + ":" + column + ": the file contains a NUL byte (0x00),"
                            + " and PostgreSQL text cannot contain one — is this a binary file? (UTF-16 text has one"
                            + " in every other byte: save it as UTF-8); nothing was run");
                }
                if (b == '\n') {
                    line++;
                    column = 1;
                } else if ((b & 0xC0) != 0x80) { // a UTF-8 continuation byte is part of the previous character
                    column++;
                }
            }
            if (total + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_BYTES, Math.max((long) bytes.length * 2, total + n)));
            }
            chunk.get(bytes, total, n);
            total += n;
        }
        return total == bytes.length ? bytes : Arrays.copyOf(bytes, total);
    }

    private static SqlFileException tooLarge(String name, long size) {
        return new SqlFileException(String.format("%s is larger than %s (%,d bytes or more), the limit for a SQL file the"
                + " console runs: split it, or load it with psql -f; nothing was run", name, LIMIT_TEXT, size));
    }
}
