package com.cruddur.console.core.db;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * {@code xz -dc} as a stream: a thread of its own feeds it the archive, its output is read; closing reads what is
 * left of the output, waits for it to end and fails unless it exited with 0.
 */
final class SystemXz extends FilterInputStream {
    private final Path program;
    private final Process process;
    private final Thread feeder;
    private volatile IOException feedFailure;

    SystemXz(Path xz, InputStream archive) throws IOException {
        super(null);
        program = xz;
        process = new ProcessBuilder(xz.toString(), "-dc").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        in = new BufferedInputStream(process.getInputStream(), 1 << 16);
        feeder = new Thread(() -> {
            try (OutputStream toXz = process.getOutputStream()) {
                archive.transferTo(toXz);
            } catch (IOException e) {
                feedFailure = e;
            }
        }, "cruddur-xz-feed");
        feeder.setDaemon(true);
        feeder.start();
    }

    @Override
    public void close() throws IOException {
        try {
            in.transferTo(OutputStream.nullOutputStream()); // the tar's padding, or all of it after a failure
            int code = process.waitFor();
            feeder.join();
            if (code != 0) {
                throw new IOException(program + " exited with code " + code);
            }
            if (feedFailure != null) {
                throw feedFailure;
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while xz unpacked the PostgreSQL binaries");
        } finally {
            super.close(); // xz's output, also when reading the rest of it failed
            process.destroy();
        }
    }
}
