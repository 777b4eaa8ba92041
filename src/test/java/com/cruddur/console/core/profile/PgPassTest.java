package com.cruddur.console.core.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

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
}
