package com.cruddur.console.core.schema.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SqlFileTest {
    @TempDir
    Path dir;

    @Test
    void readsUtf8AndDropsTheBom() throws Exception {
        Path f = dir.resolve("seed.sql");
        Files.write(f, ("\uFEFFinsert into t values ('Zoë');").getBytes(StandardCharsets.UTF_8));
        assertThat(SqlFile.of(f).read()).isEqualTo("insert into t values ('Zoë');");
    }

    @Test
    void latin1FileIsRefusedWithByteOffsetAndLine() throws Exception {
        Path f = dir.resolve("seed.sql");
        byte[] latin1 = "select 1;\ninsert into t values ('Zoë');".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(f, latin1);
        assertThatThrownBy(() -> SqlFile.of(f).read())
                .isInstanceOf(SqlFileException.class)
                .hasMessageContaining(f + " is not valid UTF-8: byte 0xEB at offset 35 (line 2)")
                .hasMessageContaining("save the file as UTF-8");
    }

    @Test
    void missingFileSaysSo() {
        Path f = dir.resolve("nope.sql");
        assertThatThrownBy(() -> SqlFile.of(f).read()).isInstanceOf(SqlFileException.class)
                .hasMessage(f + " does not exist: check the path (or the project folder's db/ directory)");
    }

    @Test
    void emptyAndCommentOnlyFilesAreErrors() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.sql"));
        assertThatThrownBy(() -> SqlFile.of(empty).parse()).hasMessageContaining("is empty (0 bytes)");
        Path comments = Files.writeString(dir.resolve("c.sql"), "-- todo\n/* later */\n");
        assertThatThrownBy(() -> SqlFile.of(comments).parse()).hasMessageContaining("contains no SQL statements");
    }

    @Test
    void unreadableFileSaysSo() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads anything");
        Path f = Files.writeString(dir.resolve("secret.sql"), "select 1;");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        assertThatThrownBy(() -> SqlFile.of(f).read()).hasMessageContaining("is not readable: check its permissions");
    }

    @Test
    void directoryIsNotAFile() {
        assertThatThrownBy(() -> SqlFile.of(dir).read()).hasMessageContaining("is a directory");
    }

    @Test
    void projectFolderUsesDbSchemaAndSeedWithTimes() throws Exception {
        Path db = Files.createDirectories(dir.resolve("backend-flask/db"));
        Path schema = Files.writeString(db.resolve("schema.sql"), "create table t (x int);");
        Instant when = Instant.parse("2023-03-01T10:15:30Z");
        Files.setLastModifiedTime(schema, FileTime.from(when));
        ProjectSql project = new ProjectSql(dir.resolve("backend-flask"));
        assertThat(project.schema().path()).contains(schema);
        assertThat(project.schema().lastModified()).contains(when);
        assertThat(project.seed().path()).contains(db.resolve("seed.sql"));
        assertThat(project.seed().lastModified()).isEmpty();
        assertThatThrownBy(() -> project.seed().read()).hasMessageContaining("seed.sql does not exist");
    }

    @Test
    void missingProjectFolderIsRefused() {
        assertThatThrownBy(() -> new ProjectSql(dir.resolve("typo")))
                .hasMessageContaining("typo does not exist or is not a directory");
    }

    @Test
    void bundledSourcesLoad() {
        assertThat(BundledSql.schema().read()).contains("cognito_user_id text NOT NULL", "updated_at");
        assertThat(BundledSql.seed().parse().statements()).hasSize(2);
        assertThat(BundledSql.schema().path()).isEmpty();
    }

    @Test
    void devZeroIsRefusedWithoutReadingIt() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> SqlFile.of(Path.of("/dev/zero")).read())
                .isInstanceOf(SqlFileException.class)
                .hasMessageContaining("/dev/zero is not a regular file"));
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("seed.sql");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assumeTrue(mk.waitFor() == 0, "mkfifo is available");
        // opening a FIFO for reading blocks until a writer comes: the refusal must come from its type alone
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> SqlFile.of(fifo).read())
                .hasMessageContaining("is not a regular file"));
    }

    @Test
    void aSymlinkToADeviceIsRefusedAndADanglingOneSaysSo() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("zero.sql"), Path.of("/dev/zero"));
        assertThatThrownBy(() -> SqlFile.of(link).read()).hasMessageContaining("is not a regular file");
        Path dangling = Files.createSymbolicLink(dir.resolve("gone.sql"), dir.resolve("nowhere.sql"));
        assertThatThrownBy(() -> SqlFile.of(dangling).read())
                .hasMessageContaining("symbolic link to a file that does not exist");
        Path loop = Files.createSymbolicLink(dir.resolve("loop.sql"), dir.resolve("loop.sql"));
        assertThatThrownBy(() -> SqlFile.of(loop).read()).isInstanceOf(SqlFileException.class)
                .hasMessageContaining("symbolic link").hasMessageNotContaining("does not exist");
    }

    @Test
    void aFileOverTheLimitIsRefusedByItsSize() throws Exception {
        Path big = dir.resolve("big.sql");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(SqlFileBytes.MAX_BYTES + 1); // sparse: no disk used
        }
        assertThatThrownBy(() -> SqlFile.of(big).read()).hasMessageContaining("is larger than 128 MiB")
                .hasMessageContaining("nothing was run");
    }

    @Test
    void aNulByteIsRefusedWithItsLineAndColumn() throws Exception {
        Path f = dir.resolve("utf16.sql");
        Files.write(f, "select 1;\nselect 'ë'\0;".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SqlFile.of(f).read())
                .hasMessageContaining(f + ":2:11: the file contains a NUL byte (0x00)");
    }

    @Test
    void aNulByteFarIntoALargeFileIsRefusedWhileReading() throws Exception {
        Path f = dir.resolve("zeros.sql");
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.write("select 1;\n".getBytes(StandardCharsets.UTF_8));
            r.setLength(SqlFileBytes.MAX_BYTES - 1); // the rest reads as zeros
        }
        assertThatThrownBy(() -> SqlFile.of(f).read()).hasMessageContaining(":2:1: the file contains a NUL byte");
    }
}
