package com.cruddur.console.core.browse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large export (bigger than the write buffer many times over): the content arrives whole and in order, the target
 * keeps its old content until the commit, and a failed export leaves the old file and no temporary file.
 */
class ExportFileTest {
    @TempDir
    Path dir;

    @Test
    void aLargeFileIsWholeAndReplacesTheOldOneOnlyAtTheCommit() throws IOException {
        Path out = dir.resolve("big.csv");
        Files.writeString(out, "old\n");
        long size = 2 * (32L << 20) + 12_345;
        try (ExportFile file = ExportFile.open(out)) {
            write(file.stream(), size);
            assertThat(Files.readString(out)).isEqualTo("old\n");
            file.commit();
        }
        assertThat(Files.size(out)).isEqualTo(size);
        try (var in = Files.newInputStream(out)) {
            byte[] chunk = new byte[1 << 16];
            long at = 0;
            int n;
            while ((n = in.readNBytes(chunk, 0, chunk.length)) > 0) {
                for (int i = 0; i < n; i++, at++) {
                    if (chunk[i] != expected(at)) {
                        throw new AssertionError("byte " + at + " differs");
                    }
                }
            }
        }
        assertThat(parts()).isEmpty();
    }

    @Test
    void withoutACommitTheOldFileStaysAndNoTemporaryFileIsLeft() throws IOException {
        Path out = dir.resolve("big.json");
        Files.writeString(out, "old\n");
        try (ExportFile file = ExportFile.open(out)) {
            write(file.stream(), (32L << 20) + 1);
        }
        assertThat(Files.readString(out)).isEqualTo("old\n");
        assertThat(parts()).isEmpty();
    }

    private static byte expected(long at) {
        return (byte) ('a' + at % 26);
    }

    private static void write(OutputStream os, long size) throws IOException {
        byte[] chunk = new byte[10_007]; // not a divisor of the buffer
        for (long at = 0; at < size; ) {
            int n = (int) Math.min(chunk.length, size - at);
            for (int i = 0; i < n; i++) {
                chunk[i] = expected(at + i);
            }
            os.write(chunk, 0, n);
            at += n;
        }
    }

    private String[] parts() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")).sorted()
                    .toArray(String[]::new);
        }
    }
}
