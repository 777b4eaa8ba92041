package com.cruddur.console.core.schema;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** A SQL script on disk, read as strict UTF-8 so a Latin-1 file fails loudly instead of loading mojibake. */
public final class SqlFile implements SqlSource {
    private final Path path;

    private SqlFile(Path path) {
        this.path = path;
    }

    public static SqlFile of(Path path) {
        return new SqlFile(path);
    }

    @Override
    public String displayName() {
        return path.toString();
    }

    @Override
    public String read() {
        if (Files.isDirectory(path)) {
            throw new SqlFileException(path + " is a directory, not a SQL file: point at the .sql file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new SqlFileException(path + " does not exist: check the path (or the project folder's db/ directory)", e);
        } catch (AccessDeniedException e) {
            throw new SqlFileException(path + " is not readable: check its permissions", e);
        } catch (IOException e) {
            throw new SqlFileException("cannot read " + path + ": " + e.getMessage(), e);
        }
        if (bytes.length == 0) {
            throw new SqlFileException(path + " is empty (0 bytes): check that it is the right file");
        }
        return decodeUtf8(bytes, displayName());
    }

    @Override
    public Optional<Path> path() {
        return Optional.of(path);
    }

    @Override
    public Optional<Instant> lastModified() {
        try {
            return Optional.of(Files.getLastModifiedTime(path).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Decodes strictly; the error names the byte offset and line of the first bad byte. A UTF-8 BOM is dropped. */
    public static String decodeUtf8(byte[] bytes, String name) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int k = 0; k < offset; k++) {
                if (bytes[k] == '\n') {
                    line++;
                }
            }
            throw new SqlFileException(String.format("%s is not valid UTF-8: byte 0x%02X at offset %d (line %d); "
                    + "save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)", name, bytes[offset] & 0xff, offset, line));
        }
        result = decoder.flush(out);
        if (result.isError()) {
            try {
                result.throwException();
            } catch (CharacterCodingException e) {
                throw new SqlFileException(name + " is not valid UTF-8 at its end: save the file as UTF-8", e);
            }
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    @Override
    public String toString() {
        return displayName();
    }
}
