package com.cruddur.console.core.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Removes from the binaries cache the unpacked trees of other console versions that nothing uses, so that the cache
 * holds about one tree (58 MB) instead of one per archive a user ever had. A sibling of the current tree is removed
 * only when all of these hold:
 * <ul>
 *   <li>it is ours: a real folder (never a link) named as our unpacks name them ({@code postgres-<SHA-256>} before,
 *   {@code postgres-<size>-<CRC-32>} now), private to us, holding the manifest only our unpack writes;</li>
 *   <li>no console holds it: we get its {@link TreeUse} lock exclusively, and keep it until the tree is renamed
 *   away, so no console can start using it meanwhile;</li>
 *   <li>no program runs from it: no process's {@code /proc/<pid>/exe} lies in it (a server started by any version,
 *   those that take no lock included);</li>
 *   <li>it was not used for {@link #UNUSED}: its {@link TreeUse#MARK}, its manifest (written when it was unpacked)
 *   and its programs' access times (earlier versions read and ran them, and left no mark) are all older.</li>
 * </ul>
 * A removed tree is renamed to a hidden sibling at once and then deleted without following links; a process killed
 * meanwhile leaves that sibling to the next start's removal of abandoned ones. Runs on a thread of its own after a
 * tree is ready, off the path of a start; two consoles tidying at once each remove what they renamed.
 */
final class BinariesTidy {
    private static final Logger LOG = Logger.getLogger(BinariesTidy.class.getName());
    static final Duration UNUSED = Duration.ofDays(7);
    private static final Pattern TREE = Pattern.compile("postgres-([0-9a-f]{64}|[0-9]+-[0-9a-f]{8})");
    private static final Pattern MANIFEST_LINE = Pattern.compile("[0-9a-f]{64}  [^\\n]+");
    /** Larger than the real manifest (108 KB) by far, small enough to read without a second thought. */
    private static final long MANIFEST_LIMIT = 4L << 20;
    private static final Path PROC = Path.of("/proc");
    private static final Set<Path> STARTED = ConcurrentHashMap.newKeySet();

    /** What one tidy did: the trees it removed, and those it kept with why. */
    record Outcome(List<String> removed, Map<String, String> kept) {
    }

    private BinariesTidy() {
    }

    /** Tidies {@code cacheDir} on a thread of its own, once per JVM and folder; {@code current} is the tree in use. */
    static void startOnce(Path cacheDir, Path current) {
        if (!STARTED.add(cacheDir.toAbsolutePath())) {
            return;
        }
        Thread.ofPlatform().daemon().name("pg-binaries-tidy").start(() -> {
            try {
                tidy(cacheDir, current.getFileName().toString(), Instant.now());
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.INFO, "the PostgreSQL binaries cache " + cacheDir + " was not tidied", e);
            }
        });
    }

    /** Removes the other trees in {@code cacheDir} that may go (see the class), as of {@code now}. */
    static Outcome tidy(Path cacheDir, String current, Instant now) throws IOException {
        List<String> removed = new ArrayList<>();
        Map<String, String> kept = new LinkedHashMap<>();
        PgBinaries.removeAbandoned(cacheDir);
        List<Path> candidates;
        try (Stream<Path> entries = Files.list(cacheDir)) {
            candidates = entries.filter(p -> !p.getFileName().toString().equals(current)
                    && TREE.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        if (candidates.isEmpty()) {
            return new Outcome(removed, kept);
        }
        if (!Files.isDirectory(PROC.resolve("self"))) {
            candidates.forEach(p -> kept.put(p.getFileName().toString(), "no /proc here to tell which programs run"));
            return new Outcome(removed, kept);
        }
        Path realCache = cacheDir.toRealPath();
        for (Path tree : candidates) {
            String name = tree.getFileName().toString();
            try {
                Optional<String> notOurs = notOurs(tree);
                if (notOurs.isPresent()) {
                    kept.put(name, notOurs.get());
                    continue;
                }
                Claim claim = claim(tree, realCache.resolve(name), now);
                if (claim.aside() == null) {
                    kept.put(name, claim.why());
                    continue;
                }
                PrivateFiles.deleteTree(claim.aside());
                removed.add(name);
                LOG.info(() -> "removed the unused PostgreSQL binaries " + tree + " (" + claim.why() + ")");
            } catch (IOException | OverlappingFileLockException e) {
                kept.put(name, "it could not be looked at (" + e + ")");
            }
        }
        kept.forEach((name, why) -> LOG.fine(() -> "kept the PostgreSQL binaries " + name + ": " + why));
        return new Outcome(removed, kept);
    }

    /** Why {@code tree} is not a tree our unpack made, or empty when it is. */
    static Optional<String> notOurs(Path tree) throws IOException {
        if (!Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("it is not a folder (a link is never followed)");
        }
        Optional<String> notPrivate = PrivateFiles.whyNotPrivate(tree);
        if (notPrivate.isPresent()) {
            return Optional.of("it " + notPrivate.get());
        }
        Path manifest = tree.resolve(PgBinaries.MANIFEST);
        if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS) || PrivateFiles.whyNotPrivate(manifest).isPresent()
                || Files.size(manifest) > MANIFEST_LIMIT) {
            return Optional.of("it has no manifest of ours");
        }
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        boolean shaped = !lines.isEmpty() && lines.stream().allMatch(l -> MANIFEST_LINE.matcher(l).matches())
                && lines.stream().anyMatch(l -> l.endsWith("  bin/postgres"));
        return shaped ? Optional.empty() : Optional.of("its manifest is not one our unpack writes");
    }

    /** The hidden name a removed tree was renamed to, or null and why it stays. */
    private record Claim(Path aside, String why) {
    }

    /**
     * Renames {@code tree} out of the way when nothing uses it, holding its lock exclusively meanwhile; under
     * {@link TreeUse}'s monitor, so that this JVM neither takes nor drops a hold on it at the same time.
     */
    private static Claim claim(Path tree, Path realTree, Instant now) throws IOException {
        synchronized (TreeUse.class) {
            Path lockFile = tree.resolve(TreeUse.LOCK);
            if (TreeUse.heldHere(TreeUse.fileKey(lockFile))) {
                return new Claim(null, "this process uses it");
            }
            try (FileChannel channel = TreeUse.openLock(tree); FileLock lock = channel.tryLock()) {
                if (lock == null) {
                    return new Claim(null, "another console process uses it");
                }
                Instant used = lastUse(tree);
                if (used.isAfter(now.minus(UNUSED))) {
                    return new Claim(null, "used " + used);
                }
                OptionalLong pid = runningFrom(realTree);
                if (pid.isPresent()) {
                    return new Claim(null, "process " + pid.getAsLong() + " runs a program from it");
                }
                // the renamed tree's own time then says it is being deleted, not abandoned (see removeAbandoned)
                Files.getFileAttributeView(tree, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(FileTime.from(now), null, null);
                Path aside = tree.resolveSibling("." + tree.getFileName() + ".removing-" + System.nanoTime());
                Files.move(tree, aside, StandardCopyOption.ATOMIC_MOVE);
                return new Claim(aside, "last used " + used);
            }
        }
    }

    /** The latest of the mark, the manifest's writing and the programs' last reads, whichever exist. */
    static Instant lastUse(Path tree) throws IOException {
        Instant latest = modified(tree.resolve(PgBinaries.MANIFEST)).orElse(Instant.EPOCH);
        Optional<Instant> mark = modified(tree.resolve(TreeUse.MARK));
        if (mark.isPresent() && mark.get().isAfter(latest)) {
            latest = mark.get();
        }
        for (String program : PgBinaries.PROGRAMS) {
            Path p = tree.resolve("bin").resolve(program);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                Instant read = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                        .lastAccessTime().toInstant();
                if (read.isAfter(latest)) {
                    latest = read;
                }
            }
        }
        return latest;
    }

    private static Optional<Instant> modified(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant());
    }

    /** A process whose program file lies in {@code realTree}, as {@code /proc/<pid>/exe} says. */
    static OptionalLong runningFrom(Path realTree) throws IOException {
        try (Stream<Path> processes = Files.list(PROC)) {
            for (Path p : processes.toList()) {
                String pid = p.getFileName().toString();
                if (pid.chars().allMatch(Character::isDigit)) {
                    try {
                        if (Files.readSymbolicLink(p.resolve("exe")).startsWith(realTree)) {
                            return OptionalLong.of(Long.parseLong(pid));
                        }
                    } catch (IOException | UnsupportedOperationException e) {
                        // ended meanwhile, a kernel thread, or another user's: none runs from our private tree
                    }
                }
            }
        }
        return OptionalLong.empty();
    }
}
