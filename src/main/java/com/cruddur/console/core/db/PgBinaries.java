package com.cruddur.console.core.db;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The PostgreSQL programs, unpacked from the archive bundled in zonky's binaries jar ({@link BundledArchive}) into
 * the user's cache folder: {@code <cache>/postgres-<the archive's size>-<its CRC-32>}, every folder 0700, files owner-only. A tree is unpacked into a
 * temporary sibling and renamed into place only when complete, with a manifest of every file's SHA-256. Before
 * each use the tree is checked (ours, nothing in it writable by group or others, the programs we run as in the
 * manifest); a tree that fails is set aside, deleted, and unpacked again, and the log says why.
 */
final class PgBinaries {
    private static final Logger LOG = Logger.getLogger(PgBinaries.class.getName());
    static final List<String> PROGRAMS = List.of("initdb", "pg_ctl", "postgres");
    static final String MANIFEST = "MANIFEST.sha256";
    private static final String PREFIX = "postgres-";
    private static final Duration ABANDONED = Duration.ofMinutes(30);
    private static BundledArchive bundled;
    /** Programs found equal to their manifest in this JVM, and the file attributes they had then. */
    private static final Map<String, String> CHECKED = new ConcurrentHashMap<>();

    private final Path root;

    private PgBinaries(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** The program's path, e.g. {@code bin/pg_ctl}. */
    Path program(String name) {
        return root.resolve("bin").resolve(isWindows() ? name + ".exe" : name);
    }

    /**
     * A checked tree of this platform's binaries under {@code cacheDir}, unpacked first if needed; then, on a thread of
     * its own, the trees of other versions that nothing uses leave the cache ({@link BinariesTidy}).
     */
    static PgBinaries prepare(Path cacheDir) throws IOException {
        PgBinaries binaries = prepare(cacheDir, systemXz(), bundled());
        BinariesTidy.startOnce(cacheDir, binaries.root());
        return binaries;
    }

    private static synchronized BundledArchive bundled() throws IOException {
        if (bundled == null) {
            bundled = BundledArchive.find();
        }
        return bundled;
    }

    /** As {@link #prepare(Path)}, decompressing with {@code xz} (a program; empty: in Java). */
    static PgBinaries prepare(Path cacheDir, Optional<Path> xz) throws IOException {
        return prepare(cacheDir, xz, bundled());
    }

    /**
     * As {@link #prepare(Path)}, from {@code archive}, decompressing with {@code xz} (a program; empty: in Java). With
     * the system's xz the unpack takes about half as long as with Java's decompressor; when xz fails, Java's unpacks
     * the tree.
     */
    static synchronized PgBinaries prepare(Path cacheDir, Optional<Path> xz, BundledArchive archive) throws IOException {
        PrivateFiles.directory(cacheDir);
        Path root = cacheDir.resolve(PREFIX + archive.identity());
        // more than one round only when a tree is rejected, or another console's tidy renamed it away just now
        for (int round = 1; round <= 3; round++) {
            boolean unpacked = false;
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                removeAbandoned(cacheDir);
                unpack(cacheDir, root, xz, archive);
                unpacked = true;
            }
            // held before it is checked, so that the tree checked is the tree used: a tidy removes no tree held
            if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS) && !TreeUse.hold(root)) {
                continue;
            }
            Optional<String> problem = problem(root);
            if (problem.isEmpty()) {
                return new PgBinaries(root);
            }
            if (unpacked) {
                throw new IOException("the PostgreSQL binaries just unpacked in " + root + " fail their check: "
                        + problem.get());
            }
            LOG.warning(() -> "PostgreSQL binaries in " + root + " not used: " + problem.get() + "; unpacking them again");
            TreeUse.release(root);
            discard(root);
        }
        throw new IOException("the PostgreSQL binaries in " + root + " were removed as this console was about to use"
                + " them (by another console tidying its cache, or they kept failing their check): try again");
    }

    /** Why the tree at {@code root} must not be used, or empty when it may. */
    static Optional<String> problem(Path root) {
        try {
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of("it is not a folder");
            }
            Optional<String> permissions = permissionProblem(root);
            if (permissions.isPresent()) {
                return permissions;
            }
            Map<String, String> manifest = readManifest(root.resolve(MANIFEST));
            for (String name : PROGRAMS) {
                Path program = new PgBinaries(root).program(name);
                String rel = root.relativize(program).toString();
                if (!Files.isRegularFile(program, LinkOption.NOFOLLOW_LINKS)) {
                    return Optional.of(rel + " is missing or not a regular file");
                }
                if (!matches(program, manifest.get(rel))) {
                    return Optional.of(rel + " differs from the manifest written when it was unpacked");
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("it cannot be checked (" + e + ")");
        }
    }

    /**
     * True when the program's SHA-256 is the manifest's. A program hashed earlier in this JVM is not read again
     * while its device, inode, size, mtime and ctime are unchanged: any write or replacement changes ctime, which
     * no program can set back.
     */
    private static boolean matches(Path program, String expected) throws IOException {
        if (expected == null) {
            return false;
        }
        String key = program.toAbsolutePath() + "=" + expected;
        String stamp = PrivateFiles.posix(program) ? Files.readAttributes(program,
                "unix:dev,ino,size,lastModifiedTime,ctime", LinkOption.NOFOLLOW_LINKS).toString() : null;
        if (stamp != null && stamp.equals(CHECKED.get(key))) {
            return true;
        }
        boolean same = sha256(program).equals(expected);
        if (same && stamp != null) {
            CHECKED.put(key, stamp);
        }
        return same;
    }

    private static Optional<String> permissionProblem(Path root) throws IOException {
        List<String> found = new ArrayList<>(1);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                return check(dir);
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                return check(file);
            }

            private FileVisitResult check(Path p) throws IOException {
                String name = p.equals(root) ? "the folder" : root.relativize(p).toString();
                PrivateFiles.whyNotPrivate(p).ifPresent(why -> found.add(name + " " + why));
                return found.isEmpty() ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
            }
        });
        return found.stream().findFirst();
    }

    private static Map<String, String> readManifest(Path manifest) throws IOException {
        if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(manifest.toString(), null, "no manifest");
        }
        Map<String, String> sums = new TreeMap<>();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            int gap = line.indexOf("  ");
            if (gap > 0) {
                sums.put(line.substring(gap + 2), line.substring(0, gap));
            }
        }
        return sums;
    }

    /** Unpacks with {@code xz} if given and it works, else with Java's decompressor. */
    private static void unpack(Path cacheDir, Path root, Optional<Path> xz, BundledArchive source) throws IOException {
        if (xz.isPresent()) {
            try {
                unpack(cacheDir, root, source, archive -> new SystemXz(xz.get(), archive));
                return;
            } catch (IOException e) {
                LOG.info(() -> "the system's xz did not unpack the PostgreSQL binaries (" + e.getMessage()
                        + "); unpacking them in Java");
            }
        }
        unpack(cacheDir, root, source, archive -> new XZInputStream(new BufferedInputStream(archive)));
    }

    /** Turns the archive's bytes into the tar stream it holds. */
    @FunctionalInterface
    private interface Decompressor {
        InputStream open(InputStream archive) throws IOException;
    }

    /** Unpacks into a temporary sibling and renames it into place; if another process was first, uses its tree. */
    private static void unpack(Path cacheDir, Path root, BundledArchive source, Decompressor decompressor)
            throws IOException {
        Path tmp = Files.createTempDirectory(cacheDir, "." + root.getFileName() + ".unpacking-",
                PrivateFiles.privateFolder(cacheDir));
        try {
            long started = System.nanoTime();
            Map<String, String> sums = new TreeMap<>();
            // the archive is closed last, once the decompressor has finished with it: closing checks its size and CRC-32
            try (InputStream archive = source.open();
                 TarArchiveInputStream tar = new TarArchiveInputStream(decompressor.open(archive))) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    unpackEntry(tar, e, tmp, sums);
                }
            }
            StringBuilder manifest = new StringBuilder();
            sums.forEach((path, sum) -> manifest.append(sum).append("  ").append(path).append('\n'));
            Path manifestFile = tmp.resolve(MANIFEST);
            Files.writeString(manifestFile, manifest, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            PrivateFiles.setMode(manifestFile, "r--------");
            try {
                Files.move(tmp, root, StandardCopyOption.ATOMIC_MOVE);
                LOG.info(() -> "PostgreSQL binaries unpacked in " + root + " in "
                        + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
            } catch (IOException e) {
                if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
                LOG.info(() -> "another process unpacked the PostgreSQL binaries in " + root + " first");
            }
        } finally {
            PrivateFiles.deleteTree(tmp);
        }
    }

    private static void unpackEntry(TarArchiveInputStream tar, TarArchiveEntry e, Path tmp, Map<String, String> sums)
            throws IOException {
        Path target = tmp.resolve(e.getName()).normalize();
        if (!target.startsWith(tmp) || target.equals(tmp)) {
            if (e.isDirectory() && target.equals(tmp)) {
                return;
            }
            throw new IOException("the PostgreSQL archive has an entry outside its folder: " + e.getName());
        }
        if (e.isDirectory()) {
            Files.createDirectories(target, PrivateFiles.privateFolder(tmp));
            return;
        }
        Files.createDirectories(target.getParent(), PrivateFiles.privateFolder(tmp));
        if (e.isSymbolicLink()) {
            Path link = Path.of(e.getLinkName());
            if (link.isAbsolute() || !target.getParent().resolve(link).normalize().startsWith(tmp)) {
                throw new IOException("the PostgreSQL archive has a link outside its folder: " + e.getName());
            }
            Files.createSymbolicLink(target, link);
        } else if (e.isFile()) {
            MessageDigest md = sha256Digest();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target, StandardOpenOption.CREATE_NEW), md)) {
                tar.transferTo(out);
            }
            boolean executable = (e.getMode() & 0100) != 0;
            PrivateFiles.setMode(target, executable ? "r-x------" : "r--------");
            sums.put(tmp.relativize(target).toString(), HexFormat.of().formatHex(md.digest()));
        } else {
            throw new IOException("the PostgreSQL archive has an entry of an unexpected kind: " + e.getName());
        }
    }

    /** Renames a rejected tree out of the way at once (nothing can start from it any more), then deletes it. */
    private static void discard(Path root) {
        Path aside = root.resolveSibling("." + root.getFileName() + ".rejected-" + System.nanoTime());
        try {
            Files.move(root, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                LOG.warning(() -> "could not move the rejected PostgreSQL binaries " + root + " aside: " + e);
            }
            return;
        }
        PrivateFiles.deleteTree(aside);
    }

    /** Temporary, rejected and removed trees left by a process that was killed while it unpacked or deleted them. */
    static void removeAbandoned(Path cacheDir) throws IOException {
        Instant before = Instant.now().minus(ABANDONED);
        try (Stream<Path> entries = Files.list(cacheDir)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith("." + PREFIX) && (name.contains(".unpacking-") || name.contains(".rejected-")
                        || name.contains(".removing-"))) {
                    try {
                        if (Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).compareTo(FileTime.from(before)) < 0) {
                            PrivateFiles.deleteTree(p);
                        }
                    } catch (NoSuchFileException gone) {
                        // another console removed it first
                    }
                }
            }
        }
    }

    /**
     * The system's xz ({@code /usr/bin/xz} or {@code /bin/xz}) when root owns it and nobody else may change it; empty
     * otherwise, and on Windows.
     */
    static Optional<Path> systemXz() {
        if (isWindows()) {
            return Optional.empty();
        }
        for (String candidate : List.of("/usr/bin/xz", "/bin/xz")) {
            Path xz = Path.of(candidate);
            try {
                PosixFileAttributes a = Files.readAttributes(xz, PosixFileAttributes.class);
                Set<PosixFilePermission> mode = a.permissions();
                boolean othersMayChange = mode.contains(PosixFilePermission.GROUP_WRITE)
                        || mode.contains(PosixFilePermission.OTHERS_WRITE);
                if (a.isRegularFile() && "root".equals(a.owner().getName())
                        && mode.contains(PosixFilePermission.OTHERS_EXECUTE) && !othersMayChange) {
                    return Optional.of(xz);
                }
            } catch (IOException | UnsupportedOperationException e) {
                // not there, or not a POSIX file system: the next candidate, else Java's decompressor
            }
        }
        return Optional.empty();
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
    }
}
