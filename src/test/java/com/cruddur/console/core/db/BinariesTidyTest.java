package com.cruddur.console.core.db;

import com.cruddur.console.testsupport.ChildJvm;
import com.cruddur.console.testsupport.Eventually;
import com.cruddur.console.testsupport.SharedCache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binaries cache keeps the current tree and those of other versions that something uses or used this week; the
 * others go, and nothing outside the cache is touched.
 */
class BinariesTidyTest {
    private static final String CURRENT = "postgres-14730084-51c1c13b";
    private static final String OLD_STYLE = "postgres-" + "d24cafae".repeat(8);
    private static final String OTHER_VERSION = "postgres-14000000-0badcafe";
    @TempDir
    Path cache;
    @TempDir
    Path work;
    private Path small;

    /** A tree made by our unpack of {@link SmallArchive}, in a cache of its own, to copy into the test's cache. */
    @BeforeEach
    void unpackOne() throws Exception {
        Path scratch = work.resolve("scratch");
        small = PgBinaries.prepare(scratch, Optional.empty(), SmallArchive.write(work.resolve("small.txz"))).root();
    }

    /** A tree of ours named {@code name} in the cache as a console of that version left it, last used {@code ago}. */
    private Path tree(String name, Duration ago) throws IOException {
        Path tree = copy(small, cache.resolve(name));
        age(tree, ago);
        return tree;
    }

    /** A copy of {@code source} (modes kept, links copied as links), without the marks of its use. */
    private static Path copy(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectory(target.resolve(source.relativize(dir).toString()),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if (!name.equals(TreeUse.LOCK) && !name.equals(TreeUse.MARK)) {
                    Files.copy(file, target.resolve(source.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS,
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return target;
    }

    /** Sets every time the tidy reads (manifest, mark, programs' reads) to {@code ago} before now. */
    private static void age(Path tree, Duration ago) throws IOException {
        FileTime then = FileTime.from(Instant.now().minus(ago));
        List<Path> files = new ArrayList<>(List.of(tree.resolve(PgBinaries.MANIFEST), tree.resolve(TreeUse.MARK)));
        PgBinaries.PROGRAMS.forEach(p -> files.add(tree.resolve("bin").resolve(p)));
        for (Path f : files) {
            if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
                Files.getFileAttributeView(f, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(then, then, null);
            }
        }
    }

    private static void markUsed(Path tree, Duration ago) throws IOException {
        Path mark = tree.resolve(TreeUse.MARK);
        if (!Files.exists(mark)) {
            Files.createFile(mark);
        }
        Files.setLastModifiedTime(mark, FileTime.from(Instant.now().minus(ago)));
    }

    private BinariesTidy.Outcome tidy() throws IOException {
        return BinariesTidy.tidy(cache, CURRENT, Instant.now());
    }

    private List<String> cacheListing() throws IOException {
        try (var entries = Files.list(cache)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anOldStyleTreeUnusedForAWeekGoesAndTheCurrentOneStaysHoweverOld() throws Exception {
        tree(CURRENT, Duration.ofDays(400));
        tree(OLD_STYLE, Duration.ofDays(8));
        Path abandoned = tree("." + OTHER_VERSION + ".removing-12345", Duration.ofDays(8));
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        BinariesTidy.Outcome outcome = tidy();

        assertThat(outcome.removed()).containsExactly(OLD_STYLE);
        assertThat(cacheListing()).as("the current tree, and nothing half-deleted").containsExactly(CURRENT);
    }

    @Test
    void aTreeUsedThisWeekStays() throws Exception {
        Path marked = tree(OTHER_VERSION, Duration.ofDays(30));
        markUsed(marked, Duration.ofDays(6));
        Path ran = tree(OLD_STYLE, Duration.ofDays(30));
        // an earlier version leaves no mark, but reading and running its programs sets their access time
        Path postgres = ran.resolve("bin/postgres");
        Files.getFileAttributeView(postgres, BasicFileAttributeView.class)
                .setTimes(null, FileTime.from(Instant.now().minus(Duration.ofDays(2))), null);

        BinariesTidy.Outcome outcome = tidy();

        assertThat(outcome.removed()).isEmpty();
        assertThat(outcome.kept()).containsOnlyKeys(OTHER_VERSION, OLD_STYLE);
        assertThat(outcome.kept().values()).allMatch(why -> why.startsWith("used "));

        markUsed(marked, Duration.ofDays(8));
        age(ran, Duration.ofDays(8));
        assertThat(tidy().removed()).as("a week later").containsExactlyInAnyOrder(OLD_STYLE, OTHER_VERSION);
    }

    @Test
    void aTreeAnotherConsoleHoldsStaysUntilThatConsoleEnds() throws Exception {
        Path archive = work.resolve("small.txz");
        Path other = cache.resolve("other");
        Process user = ChildJvm.builder(TreeUser.class, other.toString(), archive.toString())
                .redirectError(work.resolve("user.err").toFile()).start();
        try {
            byte[] ready = user.getInputStream().readNBytes("ready".length());
            assertThat(new String(ready, StandardCharsets.UTF_8)).as(() -> read(work.resolve("user.err")))
                    .isEqualTo("ready");
            Path held;
            try (var trees = Files.list(other)) {
                held = trees.filter(p -> p.getFileName().toString().startsWith("postgres-")).findFirst().orElseThrow();
            }
            age(held, Duration.ofDays(30));

            BinariesTidy.Outcome outcome = BinariesTidy.tidy(other, CURRENT, Instant.now());
            assertThat(outcome.removed()).isEmpty();
            assertThat(outcome.kept()).containsEntry(held.getFileName().toString(), "another console process uses it");
        } finally {
            user.getOutputStream().close();
            assertThat(user.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(user.exitValue()).as(() -> read(work.resolve("user.err"))).isZero();
        try (var trees = Files.list(other)) {
            trees.forEach(p -> {
                try {
                    age(p, Duration.ofDays(30));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertThat(BinariesTidy.tidy(other, CURRENT, Instant.now()).removed()).as("once the console ended").hasSize(1);
    }

    @Test
    void aTreeThisProcessUsesStays() throws Exception {
        Path mine = PgBinaries.prepare(cache, Optional.empty(), SmallArchive.write(work.resolve("mine.txz"))).root();
        age(mine, Duration.ofDays(30));

        BinariesTidy.Outcome outcome = tidy();

        assertThat(outcome.kept()).containsEntry(mine.getFileName().toString(), "this process uses it");
        assertThat(mine.resolve(PgBinaries.MANIFEST)).exists();
    }

    @Test
    void aTreeAServerRunsFromStaysUntilTheServerStops() throws Exception {
        Path real = PgBinaries.prepare(SharedCache.dir()).root();
        Path old = copy(real, cache.resolve(OLD_STYLE));
        Path data = work.resolve("data");
        Process initdb = program(old, "initdb", "-D", data.toString(), "-U", "postgres", "--auth=trust", "--no-sync",
                "-E", "UTF8").redirectOutput(work.resolve("initdb.log").toFile()).start();
        assertThat(initdb.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(initdb.exitValue()).as(() -> read(work.resolve("initdb.log"))).isZero();
        Process server = program(old, "postgres", "--single", "-D", data.toString(), "postgres")
                .redirectOutput(work.resolve("server.log").toFile()).start();
        try {
            Path exe = Path.of("/proc", Long.toString(server.pid()), "exe");
            Eventually.until(Duration.ofSeconds(60), "postgres runs from the old tree",
                    () -> Files.readSymbolicLink(exe).startsWith(old.toRealPath()));
            age(old, Duration.ofDays(30)); // running it just now was a use; only the process may keep it now

            BinariesTidy.Outcome outcome = tidy();
            assertThat(outcome.kept()).containsEntry(OLD_STYLE, "process " + server.pid() + " runs a program from it");
        } finally {
            server.getOutputStream().close(); // single-user mode ends at the end of its input
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(tidy().removed()).as("once the server stopped").containsExactly(OLD_STYLE);
        assertThat(real.resolve("bin/postgres")).as("the copied tree's source is another tree").exists();
    }

    /** A PostgreSQL program of {@code tree}; as root in a user namespace where it is not root (as PgProgram does). */
    private static ProcessBuilder program(Path tree, String name, String... args) {
        List<String> cmd = new ArrayList<>();
        if (PrivateFiles.uid() == 0) {
            cmd.addAll(List.of("unshare", "-U"));
        }
        cmd.add(tree.resolve("bin").resolve(name).toString());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    @Test
    void aLinkIsNeverFollowedOutOfTheCache() throws Exception {
        Path outside = Files.createDirectory(work.resolve("outside"));
        Path lookalike = copy(small, outside.resolve("lookalike"));
        age(lookalike, Duration.ofDays(30));
        Path secret = Files.writeString(outside.resolve("secret.txt"), "not the cache's");
        FileTime secretTime = Files.getLastModifiedTime(secret);
        Files.createSymbolicLink(cache.resolve(OLD_STYLE), lookalike);
        Path withLinks = tree(OTHER_VERSION, Duration.ofDays(30));
        Files.setPosixFilePermissions(withLinks.resolve("lib"), PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(withLinks.resolve("lib/elsewhere"), outside);
        Files.createSymbolicLink(withLinks.resolve("lib/secret"), secret);
        String lockLinked = "postgres-15000000-0000abcd";
        Path lockLink = tree(lockLinked, Duration.ofDays(30));
        Files.createSymbolicLink(lockLink.resolve(TreeUse.LOCK), secret);

        BinariesTidy.Outcome outcome = tidy();

        assertThat(outcome.removed()).containsExactly(OTHER_VERSION);
        assertThat(outcome.kept()).containsKeys(OLD_STYLE, lockLinked);
        assertThat(Files.isSymbolicLink(cache.resolve(OLD_STYLE))).isTrue();
        assertThat(lookalike.resolve("bin/postgres")).exists();
        assertThat(lookalike.resolve(TreeUse.LOCK)).as("not even a lock file made through the link").doesNotExist();
        assertThat(Files.readString(secret)).isEqualTo("not the cache's");
        assertThat(Files.getLastModifiedTime(secret)).isEqualTo(secretTime);
        try (var left = Files.list(outside)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("lookalike",
                    "secret.txt");
        }
    }

    @Test
    void foldersNamedLikeOursThatOurUnpackDidNotMakeStay() throws Exception {
        Path noManifest = Files.createDirectory(cache.resolve(OLD_STYLE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(noManifest.resolve("notes.txt"), "someone's own");
        Path otherManifest = tree(OTHER_VERSION, Duration.ofDays(30));
        Path manifest = otherManifest.resolve(PgBinaries.MANIFEST);
        Files.setPosixFilePermissions(manifest, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(manifest, "a list of someone's own\n");
        String shared = "postgres-15000000-0000abcd";
        Path groupWritable = tree(shared, Duration.ofDays(30));
        Files.setPosixFilePermissions(groupWritable, PosixFilePermissions.fromString("rwxrwx---"));
        Files.writeString(cache.resolve("postgres-16000000-0000abcd"), "a file, not a folder");

        BinariesTidy.Outcome outcome = tidy();

        assertThat(outcome.removed()).isEmpty();
        assertThat(outcome.kept()).containsEntry(OLD_STYLE, "it has no manifest of ours")
                .containsEntry(OTHER_VERSION, "its manifest is not one our unpack writes")
                .containsEntry("postgres-16000000-0000abcd", "it is not a folder (a link is never followed)");
        assertThat(outcome.kept().get(shared)).contains("writable by group or others");
    }

    @Test
    void twoConsolesTidyingAtOnceBothSucceed() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String name = "postgres-1400000" + i + "-0badcafe";
            tree(name, Duration.ofDays(30));
            names.add(name);
        }
        tree(OLD_STYLE, Duration.ofDays(30));
        List<Process> tidiers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            tidiers.add(ChildJvm.builder(CacheTidier.class, cache.toString(), CURRENT)
                    .redirectError(work.resolve("tidier" + i + ".err").toFile())
                    .redirectOutput(work.resolve("tidier" + i + ".out").toFile()).start());
        }
        for (Process p : tidiers) {
            p.getOutputStream().write('\n');
            p.getOutputStream().close();
        }
        for (int i = 0; i < 2; i++) {
            assertThat(tidiers.get(i).waitFor(120, TimeUnit.SECONDS)).isTrue();
            String err = read(work.resolve("tidier" + i + ".err"));
            assertThat(tidiers.get(i).exitValue()).as(err).isZero();
            assertThat(err).as("tidier %d's log", i).doesNotContain("WARNING").doesNotContain("SEVERE")
                    .doesNotContain("Exception");
        }
        assertThat(cacheListing()).as("every tree gone, none half-deleted").isEmpty();
    }

    @Test
    void theConsolesStartTidiesTheCacheInTheBackground() throws Exception {
        Path real = PgBinaries.prepare(SharedCache.dir()).root();
        Path current = copy(real, cache.resolve(real.getFileName().toString()));
        Path old = tree(OLD_STYLE, Duration.ofDays(30));

        assertThat(PgBinaries.prepare(cache).root()).isEqualTo(current);

        Eventually.until(Duration.ofSeconds(60), "the old tree is removed", () -> !Files.exists(old));
        Eventually.until(Duration.ofSeconds(60), "nothing is left of it", () -> cacheListing().size() == 1);
        assertThat(current.resolve("bin/postgres")).exists();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
