package com.cruddur.console.core.db;

import com.cruddur.console.testsupport.SharedCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The unpacked PostgreSQL binaries are private to the user and checked before every use. */
class PgBinariesTest {
    @TempDir
    Path cache;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(PgBinaries.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(r.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    /**
     * A checked tree in this test's cache folder, copied (modes kept) from the build's shared one rather than
     * unpacked: the tests that start from it are about what happens to a tree that was changed afterwards.
     */
    private PgBinaries checkedTree() throws Exception {
        Path source = PgBinaries.prepare(SharedCache.dir()).root();
        Path target = cache.resolve(source.getFileName());
        try (var all = Files.walk(source)) {
            for (Path p : all.toList()) {
                Files.copy(p, target.resolve(source.relativize(p).toString()), LinkOption.NOFOLLOW_LINKS,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        PgBinaries bin = PgBinaries.prepare(cache);
        assertThat(bin.root()).as("the copy passed its check, nothing was unpacked").isEqualTo(target);
        assertThat(warnings).isEmpty();
        return bin;
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void unpacksIntoAPrivateTreeNamedAfterTheArchiveWithAManifest() throws Exception {
        PgBinaries bin = PgBinaries.prepare(cache);
        assertThat(bin.root().getParent()).isEqualTo(cache);
        assertThat(bin.root().getFileName().toString()).matches("postgres-[0-9a-f]{64}");
        assertThat(mode(cache)).isEqualTo("rwx------");
        try (var all = Files.walk(bin.root())) {
            for (Path p : all.filter(p -> !Files.isSymbolicLink(p)).toList()) {
                assertThat(mode(p)).as(p.toString()).matches(Files.isDirectory(p) ? "rwx------" : "r[-w][-x]------");
            }
        }
        List<String> manifest = Files.readAllLines(bin.root().resolve(PgBinaries.MANIFEST));
        for (String program : PgBinaries.PROGRAMS) {
            assertThat(manifest).contains(PgBinaries.sha256(bin.program(program)) + "  bin/" + program);
            assertThat(Files.isExecutable(bin.program(program))).isTrue();
        }
        try (var siblings = Files.list(cache)) {
            assertThat(siblings.toList()).as("no temporary tree is left").containsExactly(bin.root());
        }
        assertThat(PgBinaries.prepare(cache).root()).as("the checked tree is used again").isEqualTo(bin.root());
        assertThat(warnings).isEmpty();
    }

    @Test
    void theSystemsXzUnpacksTheSameTreeAsJava() throws Exception {
        Optional<Path> xz = PgBinaries.systemXz();
        Assumptions.assumeTrue(xz.isPresent(), "no root-owned xz on this machine: the Java decompressor is used");
        Path withJava = Files.createDirectory(cache.resolve("java"));
        Path withXz = Files.createDirectory(cache.resolve("xz"));
        PgBinaries java = PgBinaries.prepare(withJava, Optional.empty());
        PgBinaries system = PgBinaries.prepare(withXz, xz);
        assertThat(Files.readAllLines(system.root().resolve(PgBinaries.MANIFEST)))
                .isEqualTo(Files.readAllLines(java.root().resolve(PgBinaries.MANIFEST))).hasSizeGreaterThan(100);
        assertThat(PgBinaries.problem(system.root())).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void anXzThatFailsLeavesTheJavaDecompressorToDoIt() throws Exception {
        for (String broken : List.of("/bin/false", "/nonexistent/xz")) {
            Path dir = Files.createDirectory(cache.resolve(Path.of(broken).getFileName().toString()));
            PgBinaries bin = PgBinaries.prepare(dir, Optional.of(Path.of(broken)));
            assertThat(PgBinaries.problem(bin.root())).as(broken).isEmpty();
            try (var siblings = Files.list(dir)) {
                assertThat(siblings.toList()).as("no temporary tree is left").containsExactly(bin.root());
            }
        }
    }

    @Test
    void aTamperedProgramIsNeverRunButUnpackedAgain() throws Exception {
        PgBinaries bin = checkedTree();
        Path initdb = bin.program("initdb");
        String original = PgBinaries.sha256(initdb);
        Files.setPosixFilePermissions(initdb, PosixFilePermissions.fromString("rwx------"));
        Files.write(initdb, new byte[] {0}, StandardOpenOption.APPEND);

        PgBinaries again = PgBinaries.prepare(cache);
        assertThat(PgBinaries.sha256(again.program("initdb"))).as("the unpacked original is back").isEqualTo(original);
        assertThat(warnings).anyMatch(w -> w.contains("bin/initdb") && w.contains("differs from the manifest")
                && w.contains("unpacking them again"));
    }

    @Test
    void aSameSizeChangeWithItsTimeSetBackIsCaughtToo() throws Exception {
        PgBinaries bin = checkedTree();
        Path pgCtl = bin.program("pg_ctl");
        String original = PgBinaries.sha256(pgCtl);
        FileTime modified = Files.getLastModifiedTime(pgCtl);
        byte[] bytes = Files.readAllBytes(pgCtl);
        bytes[bytes.length / 2] ^= 1;
        Files.setPosixFilePermissions(pgCtl, PosixFilePermissions.fromString("rwx------"));
        Files.write(pgCtl, bytes);
        Files.setLastModifiedTime(pgCtl, modified);

        PgBinaries again = PgBinaries.prepare(cache);
        assertThat(PgBinaries.sha256(again.program("pg_ctl"))).isEqualTo(original);
        assertThat(warnings).anyMatch(w -> w.contains("bin/pg_ctl") && w.contains("differs from the manifest"));
    }

    @Test
    void aTreeOthersMayWriteIntoIsReplaced() throws Exception {
        PgBinaries bin = checkedTree();
        Path lib = bin.root().resolve("lib");
        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rwxrwx---"));
        Path planted = lib.resolve("planted");
        Files.writeString(planted, "from someone else");

        PgBinaries again = PgBinaries.prepare(cache);
        assertThat(mode(again.root().resolve("lib"))).isEqualTo("rwx------");
        assertThat(again.root().resolve("lib/planted")).as("a new tree, not the one others could change").doesNotExist();
        assertThat(warnings).anyMatch(w -> w.contains("lib is writable by group or others"));
    }

    @Test
    void aTreeWithoutItsManifestIsReplaced() throws Exception {
        PgBinaries bin = checkedTree();
        Files.delete(bin.root().resolve(PgBinaries.MANIFEST));

        PgBinaries again = PgBinaries.prepare(cache);
        assertThat(again.root().resolve(PgBinaries.MANIFEST)).exists();
        assertThat(warnings).anyMatch(w -> w.contains("not used"));
    }
}
