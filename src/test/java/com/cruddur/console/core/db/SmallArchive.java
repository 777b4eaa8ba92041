package com.cruddur.console.core.db;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small archive of the bundled one's shape (bin/initdb, bin/pg_ctl, bin/postgres, a library and a link to it), tar
 * in xz as zonky packs it, for tests of what happens to unpacked trees: they unpack it instead of the 14.7 MB of the
 * real one.
 */
final class SmallArchive {
    private SmallArchive() {
    }

    /** Writes the archive to {@code file} and returns it as the bundled archive would be. */
    static BundledArchive write(Path file) throws IOException {
        try (var tar = new TarArchiveOutputStream(new XZOutputStream(Files.newOutputStream(file), new LZMA2Options()))) {
            for (String dir : List.of("bin/", "lib/")) {
                tar.putArchiveEntry(new TarArchiveEntry(dir));
                tar.closeArchiveEntry();
            }
            for (String name : List.of("bin/initdb", "bin/pg_ctl", "bin/postgres", "lib/libpq.so.5.16")) {
                byte[] content = ("#!/bin/sh\n# " + name + "\n").getBytes(StandardCharsets.UTF_8);
                var e = new TarArchiveEntry(name);
                e.setSize(content.length);
                e.setMode(name.startsWith("bin/") ? 0755 : 0644);
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
            var link = new TarArchiveEntry("lib/libpq.so.5", TarConstants.LF_SYMLINK);
            link.setLinkName("libpq.so.5.16");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        return BundledArchive.of(file.toUri().toURL());
    }
}
