package com.cruddur.console.core.profile;

import com.cruddur.console.testsupport.ChildJvm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PgPassTest {
    @TempDir
    Path dir;

    private PgPass write(String... lines) throws Exception {
        Path f = dir.resolve(".pgpass");
        Files.write(f, List.of(lines));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return new PgPass(f);
    }

    @Test
    void firstMatchingLineWinsWithWildcardsAndEscapes() throws Exception {
        PgPass p = write(
                "# comment",
                "db.example.com:5432:cruddur:root:first",
                "db.example.com:5432:cruddur:root:second",
                "*:*:*:admin:wild\\:card\\\\pw",
                "localhost:5432:*:postgres:local");
        assertThat(p.lookup("db.example.com", 5432, "cruddur", "root")).contains("first");
        assertThat(p.lookup("anything", 1, "x", "admin")).contains("wild:card\\pw");
        assertThat(p.lookup("localhost", 5432, "other", "postgres")).contains("local");
        assertThat(p.lookup("localhost", 5433, "other", "postgres")).isEmpty();
    }

    @Test
    void passwordEndsAtFirstUnescapedColonAsInLibpq() throws Exception {
        PgPass p = write("h:1:d:u:pass:extra");
        assertThat(p.lookup("h", 1, "d", "u")).contains("pass");
    }

    @Test
    void fileReadableByOthersIsIgnoredWithAClearMessage() throws Exception {
        PgPass p = write("h:1:d:u:pw");
        Files.setPosixFilePermissions(p.file(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> p.lookup("h", 1, "d", "u")).hasMessageContaining("chmod 0600");
    }

    @Test
    void missingFileHasNoPassword() throws Exception {
        assertThat(new PgPass(dir.resolve("none")).lookup("h", 1, "d", "u")).isEmpty();
    }

    @Test
    void storeWritesMode0600ReplacesTheSameEntryAndKeepsOthers() throws Exception {
        PgPass p = write("# mine", "*:*:*:*:fallback");
        p.store("h", 5432, "cruddur", "root", "a:b\\c");
        p.store("h", 5432, "cruddur", "root", "newer");
        p.store("h2", 5432, "cruddur", "root", "other");
        assertThat(Files.getPosixFilePermissions(p.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        List<String> lines = Files.readAllLines(p.file());
        assertThat(lines).contains("# mine", "*:*:*:*:fallback", "h:5432:cruddur:root:newer", "h2:5432:cruddur:root:other");
        assertThat(lines.stream().filter(l -> l.startsWith("h:5432"))).hasSize(1);
        assertThat(p.lookup("h", 5432, "cruddur", "root")).contains("newer");
        // the specific entry is placed before the wildcard, so it wins
        assertThat(p.lookup("h2", 5432, "cruddur", "root")).contains("other");
    }

    @Test
    void escapesSpecialCharactersWhenStoring() throws Exception {
        PgPass p = new PgPass(dir.resolve("new/.pgpass"));
        p.store("h", 1, "d", "u", "p:w\\d");
        assertThat(p.lookup("h", 1, "d", "u")).contains("p:w\\d");
    }

    @Test
    void pgpassfileVariableIsHonoured() {
        PgPass p = PgPass.forEnvironment(Map.of("PGPASSFILE", "/x/y"), dir);
        assertThat(p.file()).isEqualTo(Path.of("/x/y"));
        assertThat(PgPass.forEnvironment(Map.of(), dir).file()).isEqualTo(dir.resolve(".pgpass"));
    }

    @Test
    void twoThreadsStoringAtOnceKeepEveryEntry() throws Exception {
        PgPass p = new PgPass(dir.resolve(".pgpass"));
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (String prefix : List.of("a", "b")) {
                // two PgPass objects, as two parts of the app would have
                PgPass own = new PgPass(p.file());
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        own.store(prefix + i, 5432, "cruddur", "root", "pw" + i);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEveryEntryKept(p, List.of("a", "b"), perThread);
    }

    @Test
    void twoProcessesStoringAtOnceKeepEveryEntry() throws Exception {
        PgPass p = new PgPass(dir.resolve(".pgpass"));
        int perProcess = 40;
        List<Process> children = new ArrayList<>();
        try {
            for (String prefix : List.of("a", "b")) {
                Process child = ChildJvm.builder(PgPassStoreChild.class, p.file().toString(), prefix,
                        Integer.toString(perProcess)).redirectErrorStream(true).start();
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                assertThat(out.readLine()).isEqualTo("ready");
                children.add(child);
            }
            for (Process child : children) {
                OutputStream go = child.getOutputStream();
                go.write('\n');
                go.flush();
            }
            for (Process child : children) {
                assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).as(new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                        .isZero();
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        assertEveryEntryKept(p, List.of("a", "b"), perProcess);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(".pgpass.lock"))))
                .as("the lock file is private too").isEqualTo("rw-------");
    }

    private static void assertEveryEntryKept(PgPass p, List<String> prefixes, int each) throws Exception {
        List<String> lines = Files.readAllLines(p.file());
        assertThat(lines).hasSize(prefixes.size() * each);
        for (String prefix : prefixes) {
            for (int i = 0; i < each; i++) {
                assertThat(p.lookup(prefix + i, 5432, "cruddur", "root")).as(prefix + i).contains("pw" + i);
            }
        }
    }

    @Test
    void aSymlinkedPasswordFileIsWrittenThroughAndStaysALink() throws Exception {
        Path real = Files.createDirectories(dir.resolve("secrets")).resolve("pgpass");
        Files.writeString(real, "other:5432:db:u:keep\n");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-------"));
        Path link = Files.createSymbolicLink(dir.resolve(".pgpass"), Path.of("secrets/pgpass")); // relative, as ln -s makes
        PgPass p = new PgPass(link);
        p.store("h", 5432, "d", "u", "s3cret");
        assertThat(Files.isSymbolicLink(link)).as("the link is kept").isTrue();
        assertThat(Files.readString(real)).contains("h:5432:d:u:s3cret", "other:5432:db:u:keep");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rw-------");
        assertThat(p.lookup("h", 5432, "d", "u")).contains("s3cret");
        try (var left = Files.list(real.getParent())) {
            assertThat(left.map(f -> f.getFileName().toString())).containsExactly("pgpass");
        }
    }

    @Test
    void aDanglingSymlinkCreatesItsTargetPrivately() throws Exception {
        Path target = Files.createDirectories(dir.resolve("vault")).resolve("pgpass");
        Path link = Files.createSymbolicLink(dir.resolve(".pgpass"), target);
        new PgPass(link).store("h", 5432, "d", "u", "pw");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target)).isEqualTo("h:5432:d:u:pw\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }
}
