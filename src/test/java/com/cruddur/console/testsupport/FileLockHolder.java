package com.cruddur.console.testsupport;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Another process holding a file lock, as a second console would while it saves: prints "locked", holds the lock
 * until its stdin closes (or the process is killed). Start it with {@link #start(Path)}.
 */
public final class FileLockHolder {
    private FileLockHolder() {
    }

    public static void main(String[] args) throws IOException {
        try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our stdin
            }
        }
    }

    /** Starts the holder on {@code lockFile} and returns once it holds the lock; destroy the process to release it. */
    public static Process start(Path lockFile) throws IOException, InterruptedException {
        Process p = ChildJvm.builder(FileLockHolder.class, lockFile.toString()).redirectErrorStream(true).start();
        byte[] expected = "locked".getBytes();
        byte[] got = p.getInputStream().readNBytes(expected.length);
        if (!new String(got).equals("locked")) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IOException("lock holder did not start: " + new String(got));
        }
        return p;
    }
}
