package com.cruddur.console.core.schema.script;

import com.cruddur.console.core.schema.Fingerprint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A SQL script on disk, read as strict UTF-8 so a Latin-1 file fails loudly instead of loading mojibake. */
public final class SqlFile implements SqlSource {
    /**
     * SHA-256 of files by what identifies a version of a file (path, inode, size, modification time in ns): a Reset
     * whose files have not changed then does not read and hash a 50 MB seed again. Editing, saving, git checkout and
     * touch all change the modification time. Bounded: a long-running console reads few distinct files.
     */
    private static final Map<Path, Hashed> HASHES = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Path, Hashed> eldest) {
                    return size() > 64;
                }
            });

    private record Hashed(Object fileKey, long size, FileTime modified, String sha256) {
    }

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
        byte[] bytes = SqlFileBytes.read(path, displayName());
        if (bytes.length == 0) {
            throw new SqlFileException(path + " is empty (0 bytes): check that it is the right file");
        }
        return decodeUtf8(bytes, displayName());
    }

    @Override
    public Optional<Path> path() {
        return Optional.of(path);
    }

    /**
     * SHA-256 of the file's text (as {@link #read()} gives it), computed again only when its identity, size or
     * modification time changed.
     */
    @Override
    public String sha256() {
        Path key = path.toAbsolutePath().normalize();
        BasicFileAttributes before;
        try {
            before = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            return Fingerprint.sha256(read().getBytes(StandardCharsets.UTF_8)); // read() says what is wrong
        }
        Hashed known = HASHES.get(key);
        if (known != null && known.size() == before.size() && known.modified().equals(before.lastModifiedTime())
                && java.util.Objects.equals(known.fileKey(), before.fileKey())) {
            return known.sha256();
        }
        String sha = Fingerprint.sha256(read().getBytes(StandardCharsets.UTF_8));
        HASHES.put(key, new Hashed(before.fileKey(), before.size(), before.lastModifiedTime(), sha));
        return sha;
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
