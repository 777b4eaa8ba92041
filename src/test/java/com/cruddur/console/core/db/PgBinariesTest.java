package com.cruddur.console.core.db;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
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
    @TempDir
    Path work;
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
     * A {@link SmallArchive}: the tests of what happens to a tree changed after its unpacking, and of the fallback from
     * a failing xz, unpack it instead of the real one; unpacking the real archive is the subject of
     * {@link #unpacksTheRealArchiveIntoAPrivateTreeAlikeWithTheSystemsXzAndWithJava()}.
     */
    private BundledArchive small() throws Exception {
        return SmallArchive.write(work.resolve("small.txz"));
    }

    /** A checked tree of {@link #small()} in this test's cache folder. */
    private PgBinaries checkedTree(BundledArchive archive) throws Exception {
        PgBinaries bin = PgBinaries.prepare(cache, Optional.empty(), archive);
        assertThat(PgBinaries.prepare(cache, Optional.empty(), archive).root()).as("the tree passed its check")
                .isEqualTo(bin.root());
        assertThat(warnings).isEmpty();
        return bin;
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void unpacksTheRealArchiveIntoAPrivateTreeAlikeWithTheSystemsXzAndWithJava() throws Exception {
        PgBinaries bin = PgBinaries.prepare(cache, Optional.empty());
        assertThat(bin.root().getParent()).isEqualTo(cache);
        assertThat(bin.root().getFileName().toString()).matches("postgres-[0-9]+-[0-9a-f]{8}");
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

        Optional<Path> xz = PgBinaries.systemXz();
        Assumptions.assumeTrue(xz.isPresent(), "no root-owned xz on this machine: the Java decompressor is used");
        PgBinaries system = PgBinaries.prepare(work, xz);
        assertThat(Files.readAllLines(system.root().resolve(PgBinaries.MANIFEST)))
                .as("the system's xz unpacked the same tree as Java").isEqualTo(manifest).hasSizeGreaterThan(100);
        assertThat(PgBinaries.problem(system.root())).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void theArchiveIsNamedAfterItsSizeAndCrcAsItsJarListsThem() throws Exception {
        BundledArchive listed = BundledArchive.find();
        assertThat(listed.url().getProtocol()).as("read from the binaries jar").isEqualTo("jar");
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        long size;
        try (var in = new java.util.zip.CheckedInputStream(listed.url().openStream(), crc)) {
            size = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(listed.size()).isEqualTo(size);
        assertThat(listed.crc()).isEqualTo(crc.getValue());
    }

    @Test
    void anArchiveThatIsNotTheOneItsNameSaysIsNotUnpacked() throws Exception {
        BundledArchive real = small();
        BundledArchive swapped = new BundledArchive(real.url(), real.size(), real.crc() ^ 1);
        List<Optional<Path>> decompressors = new java.util.ArrayList<>(List.of(Optional.empty()));
        PgBinaries.systemXz().ifPresent(xz -> decompressors.add(Optional.of(xz)));
        for (Optional<Path> xz : decompressors) {
            Path dir = Files.createDirectory(cache.resolve(xz.isPresent() ? "xz" : "java"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> PgBinaries.prepare(dir, xz, swapped))
                    .as("decompressed by %s", xz.map(Path::toString).orElse("Java"))
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("is not the one its jar lists").hasMessageContaining("install the console again");
            try (var left = Files.list(dir)) {
                assertThat(left.toList()).as("no tree, not even a temporary one").isEmpty();
            }
        }
    }

    @Test
    void onAPlatformWithoutBundledBinariesTheErrorSaysWhatToDo() throws Exception {
        BundledArchive.checkPlatform("Linux", "amd64", true);
        for (String[] platform : List.of(new String[] {"Mac OS X", "aarch64", "true"},
                new String[] {"Windows 11", "amd64", "true"}, new String[] {"Linux", "aarch64", "true"},
                new String[] {"Linux", "amd64", "false"})) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> BundledArchive.checkPlatform(platform[0],
                            platform[1], Boolean.parseBoolean(platform[2])))
                    .as(String.join(" ", platform)).isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("Linux (glibc) on x86-64 only")
                    .hasMessageContaining(platform[0] + " on " + platform[1])
                    .hasMessageContaining("PostgreSQL server of your own");
        }
    }

    @Test
    void anXzThatFailsLeavesTheJavaDecompressorToDoIt() throws Exception {
        BundledArchive archive = small();
        for (String broken : List.of("/bin/false", "/nonexistent/xz")) {
            Path dir = Files.createDirectory(cache.resolve(Path.of(broken).getFileName().toString()));
            PgBinaries bin = PgBinaries.prepare(dir, Optional.of(Path.of(broken)), archive);
            assertThat(PgBinaries.problem(bin.root())).as(broken).isEmpty();
            try (var siblings = Files.list(dir)) {
                assertThat(siblings.toList()).as("no temporary tree is left").containsExactly(bin.root());
            }
        }
    }

    @Test
    void aTamperedProgramIsNeverRunButUnpackedAgain() throws Exception {
        BundledArchive archive = small();
        PgBinaries bin = checkedTree(archive);
        Path initdb = bin.program("initdb");
        String original = PgBinaries.sha256(initdb);
        Files.setPosixFilePermissions(initdb, PosixFilePermissions.fromString("rwx------"));
        Files.write(initdb, new byte[] {0}, StandardOpenOption.APPEND);

        PgBinaries again = PgBinaries.prepare(cache, Optional.empty(), archive);
        assertThat(PgBinaries.sha256(again.program("initdb"))).as("the unpacked original is back").isEqualTo(original);
        assertThat(warnings).anyMatch(w -> w.contains("bin/initdb") && w.contains("differs from the manifest")
                && w.contains("unpacking them again"));
    }

    @Test
    void aSameSizeChangeWithItsTimeSetBackIsCaughtToo() throws Exception {
        BundledArchive archive = small();
        PgBinaries bin = checkedTree(archive);
        Path pgCtl = bin.program("pg_ctl");
        String original = PgBinaries.sha256(pgCtl);
        FileTime modified = Files.getLastModifiedTime(pgCtl);
        byte[] bytes = Files.readAllBytes(pgCtl);
        bytes[bytes.length / 2] ^= 1;
        Files.setPosixFilePermissions(pgCtl, PosixFilePermissions.fromString("rwx------"));
        Files.write(pgCtl, bytes);
        Files.setLastModifiedTime(pgCtl, modified);

        PgBinaries again = PgBinaries.prepare(cache, Optional.empty(), archive);
        assertThat(PgBinaries.sha256(again.program("pg_ctl"))).isEqualTo(original);
        assertThat(warnings).anyMatch(w -> w.contains("bin/pg_ctl") && w.contains("differs from the manifest"));
    }

    @Test
    void aTreeOthersMayWriteIntoIsReplaced() throws Exception {
        BundledArchive archive = small();
        PgBinaries bin = checkedTree(archive);
        Path lib = bin.root().resolve("lib");
        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rwxrwx---"));
        Path planted = lib.resolve("planted");
        Files.writeString(planted, "from someone else");

        PgBinaries again = PgBinaries.prepare(cache, Optional.empty(), archive);
        assertThat(mode(again.root().resolve("lib"))).isEqualTo("rwx------");
        assertThat(again.root().resolve("lib/planted")).as("a new tree, not the one others could change").doesNotExist();
        assertThat(warnings).anyMatch(w -> w.contains("lib is writable by group or others"));
    }

    @Test
    void aTreeWithoutItsManifestIsReplaced() throws Exception {
        BundledArchive archive = small();
        PgBinaries bin = checkedTree(archive);
        Files.delete(bin.root().resolve(PgBinaries.MANIFEST));

        PgBinaries again = PgBinaries.prepare(cache, Optional.empty(), archive);
        assertThat(again.root().resolve(PgBinaries.MANIFEST)).exists();
        assertThat(warnings).anyMatch(w -> w.contains("not used"));
    }
}
