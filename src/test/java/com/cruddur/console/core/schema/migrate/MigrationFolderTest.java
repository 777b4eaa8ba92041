package com.cruddur.console.core.schema.migrate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migrations folder and files as dbmate reads them (pkg/dbmate/migration.go and db.go), and every bad input. */
class MigrationFolderTest {
    static final String OK = "-- migrate:up\nCREATE TABLE t (id int);\n\n-- migrate:down\nDROP TABLE t;\n";

    @TempDir
    Path project;

    Path dir() throws Exception {
        return Files.createDirectories(project.resolve("db/migrations"));
    }

    MigrationFolder folder() {
        return MigrationFolder.inProject(project);
    }

    Path write(String name, String text) throws Exception {
        return Files.writeString(dir().resolve(name), text);
    }

    @Test
    void readsWhatDbmateReadsInDbmatesOrderAndIgnoresTheRest() throws Exception {
        write("20240102000000_b.sql", OK);
        write("20240101000000_a.sql", OK);
        write("1_short.sql", OK);
        write("10_longer.sql", OK);
        write("20240103000000.sql", OK); // dbmate needs no name after the version
        write("README.md", "not a migration");
        write("20240104000000_x.sql.bak", OK);
        write(".#20240105000000_lock.sql", "an editor's lock file");
        Files.createDirectories(dir().resolve("archive"));
        List<MigrationFile> files = folder().scan();
        // byte order of the names, as dbmate sorts them: "10_" before "1_", since '0' < '_'
        assertThat(files).extracting(MigrationFile::fileName).containsExactly("10_longer.sql", "1_short.sql",
                "20240101000000_a.sql", "20240102000000_b.sql", "20240103000000.sql");
        assertThat(files).extracting(MigrationFile::version).containsExactly("10", "1", "20240101000000",
                "20240102000000", "20240103000000");
        assertThat(files.get(2).problem()).isEmpty();
        assertThat(files.get(2).sha256()).hasSize(64).isEqualTo(MigrationFolder.sha256(OK.getBytes(StandardCharsets.UTF_8)));
        assertThat(files.get(2).up().script().statements()).singleElement()
                .satisfies(s -> assertThat(s.line()).isEqualTo(2));
        assertThat(files.get(2).down().script().statements()).singleElement()
                .satisfies(s -> assertThat(s.line()).isEqualTo(5));
        assertThat(files.get(2).up().transaction()).isTrue();
    }

    @Test
    void noFolderMeansNoMigrations() {
        assertThat(folder().exists()).isFalse();
        assertThat(folder().scan()).isEmpty();
    }

    @Test
    void aFolderThatIsAFileIsRefusedClearly() throws Exception {
        Files.createDirectories(project.resolve("db"));
        Files.writeString(project.resolve("db/migrations"), "oops");
        assertThatThrownBy(() -> folder().scan()).isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("the migrations folder " + project.resolve("db/migrations") + " is a file, not a folder")
                .hasMessageContaining("nothing was run");
        assertThatThrownBy(() -> folder().create("x", Clock.systemUTC())).isInstanceOf(MigrationException.class)
                .hasMessageContaining("is a file, not a folder");
    }

    @Test
    void namesDbmateWouldSkipAreRefusedWithTheFileNamed() throws Exception {
        write("20240101000000_ok.sql", OK);
        write("add_users.sql", OK);
        write("v2_add_bio.sql", OK);
        write("20240102000000_caps.SQL", OK);
        assertThatThrownBy(() -> folder().scan()).isInstanceOf(MigrationException.class)
                .hasMessageContaining(dir().resolve("add_users.sql") + ": the name does not start with a version number,"
                        + " so dbmate would never apply it: rename it VERSION_name.sql, e.g. 20240101120000_add_users.sql")
                .hasMessageContaining(dir().resolve("v2_add_bio.sql") + ": the name does not start with a version number")
                .hasMessageContaining(dir().resolve("20240102000000_caps.SQL") + ": dbmate only reads names ending in"
                        + " lower-case .sql")
                .hasMessageContaining("(3 problems in ");
    }

    @Test
    void aFolderNamedLikeAMigrationIsRefused() throws Exception {
        Files.createDirectories(dir().resolve("20240101000000_dir.sql"));
        assertThatThrownBy(() -> folder().scan()).hasMessageStartingWith(dir().resolve("20240101000000_dir.sql")
                + " is a folder, not a migration file");
    }

    @Test
    void duplicateVersionsAreRefusedNamingBothFiles() throws Exception {
        write("20240101000000_a.sql", OK);
        write("20240101000000_b.sql", OK);
        assertThatThrownBy(() -> folder().scan()).isInstanceOf(MigrationException.class)
                .hasMessageStartingWith(dir().resolve("20240101000000_a.sql") + ": version 20240101000000 is also the"
                        + " version of 20240101000000_b.sql")
                .hasMessageContaining("give the other a new timestamp");
    }

    @Test
    void fileProblemsAreKeptOnTheFileWithFileAndLine() throws Exception {
        write("1_no_up.sql", "CREATE TABLE t (id int);\n");
        write("2_sql_before_up.sql", "-- a comment is fine\n\nCREATE TYPE s AS ENUM ('a');\n-- migrate:up\nSELECT 1;\n-- migrate:down\n");
        write("3_no_down.sql", "-- migrate:up\nSELECT 1;\n");
        write("4_two_downs.sql", "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n-- migrate:down\nSELECT 3;\n");
        write("5_two_sections.sql", OK + "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n");
        write("6_bom.sql", "\uFEFF" + OK);
        Files.write(dir().resolve("7_latin1.sql"), "-- migrate:up\nSELECT 'caf\u00e9';\n-- migrate:down\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        write("8_open_quote.sql", "-- migrate:up\nSELECT 'oops;\n-- migrate:down\n");
        List<MigrationFile> files = folder().scan();
        assertThat(files).allMatch(f -> f.problem().isPresent());
        assertThat(files.get(0).problem().get()).isEqualTo(dir().resolve("1_no_up.sql") + ": no '-- migrate:up' line:"
                + " dbmate requires each migration to define an up block; start the file with a line '-- migrate:up',"
                + " the SQL to apply, then a line '-- migrate:down' and the SQL that undoes it");
        assertThat(files.get(1).problem().get()).startsWith(dir().resolve("2_sql_before_up.sql") + ":3: SQL before the"
                + " '-- migrate:up' line");
        assertThat(files.get(2).problem().get()).startsWith(dir().resolve("3_no_down.sql") + ": no '-- migrate:down' line");
        assertThat(files.get(3).problem().get()).startsWith(dir().resolve("4_two_downs.sql") + ":5: a second"
                + " '-- migrate:down' line");
        assertThat(files.get(4).problem().get()).startsWith(dir().resolve("5_two_sections.sql") + ":6: a second"
                + " '-- migrate:up' section");
        assertThat(files.get(5).problem().get()).startsWith(dir().resolve("6_bom.sql") + ":1: starts with a UTF-8"
                + " byte-order mark");
        assertThat(files.get(6).problem().get()).startsWith(dir().resolve("7_latin1.sql") + " is not valid UTF-8: byte"
                + " 0xE9 at offset 25 (line 2)");
        assertThat(files.get(7).problem().get()).startsWith(dir().resolve("8_open_quote.sql") + ":2: unterminated string");
        assertThatThrownBy(() -> files.get(0).up()).isInstanceOf(MigrationException.class).hasMessageContaining("no '-- migrate:up'");
    }

    @Test
    void directivesAndOptionsFollowDbmatesPatterns() throws Exception {
        write("1_a.sql", "--migrate:up transaction:false  foo:bar\nCREATE INDEX CONCURRENTLY i ON t (id);\n"
                + "--   migrate:down\r\nDROP INDEX i;\n");
        write("2_b.sql", "-- migrate:upgrade\n-- migrate:up\nSELECT 1;\n -- migrate:down (indented: not a directive)\n"
                + "-- migrate:down\n");
        write("3_c.sql", "-- migrate:up transaction:true\nSELECT 1;\n-- migrate:down transaction:no\nSELECT 2;\n");
        List<MigrationFile> files = folder().scan();
        MigrationFile a = files.get(0);
        assertThat(a.problem()).isEmpty();
        assertThat(a.up().transaction()).isFalse();
        assertThat(a.up().ignoredOptions()).containsExactly("foo:bar");
        assertThat(a.down().transaction()).isTrue();
        assertThat(a.down().line()).isEqualTo(3);
        MigrationFile b = files.get(1);
        assertThat(b.problem()).isEmpty();
        assertThat(b.up().line()).isEqualTo(2);
        assertThat(b.down().line()).isEqualTo(5);
        MigrationFile c = files.get(2);
        assertThat(c.up().transaction()).isTrue();
        assertThat(c.up().ignoredOptions()).isEmpty();
        assertThat(c.down().transaction()).isTrue(); // anything but "false" keeps the transaction, as in dbmate
        assertThat(c.down().ignoredOptions()).containsExactly("transaction:no");
    }

    @Test
    void newMigrationWritesDbmatesTemplateWithAUtcTimestamp() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T06:07:08Z"), ZoneOffset.ofHours(9));
        Path file = folder().create("add_bio-to_users", clock);
        assertThat(file).isEqualTo(project.resolve("db/migrations/20261130060708_add_bio-to_users.sql"));
        assertThat(Files.readString(file)).isEqualTo("-- migrate:up\n\n\n-- migrate:down\n\n");
        MigrationFile parsed = folder().scan().get(0);
        assertThat(parsed.problem()).isEmpty();
        assertThat(parsed.up().isEmpty()).isTrue();
        assertThatThrownBy(() -> folder().create("again", clock)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("already has version 20261130060708 (this second): wait a second");
        for (String bad : new String[]{"", "has space", "../escape", "semi;colon", "ünïcode"}) {
            assertThatThrownBy(() -> folder().create(bad, clock)).isInstanceOf(MigrationException.class)
                    .hasMessageContaining("use letters, digits, '_' and '-' only");
        }
        assertThat(Files.list(dir()).count()).isEqualTo(1);
    }

    @Test
    void aMigrationsLinkLoopOrDanglingLinkIsReportedNotTakenForAMissingFolder() throws Exception {
        Path db = Files.createDirectories(project.resolve("db"));
        Path link = Files.createSymbolicLink(db.resolve("migrations"), db.resolve("migrations"));
        assertThatThrownBy(() -> folder().scan()).isInstanceOf(MigrationException.class)
                .hasMessageContaining(link.toString()).hasMessageContaining("symbolic link")
                .hasMessageNotContaining("does not exist yet");
        assertThatThrownBy(() -> folder().create("x", Clock.systemUTC())).hasMessageContaining("symbolic link");
        Files.delete(link);
        Files.createSymbolicLink(link, project.resolve("gone"));
        assertThatThrownBy(() -> folder().scan()).hasMessageContaining("symbolic link to")
                .hasMessageContaining("gone");
    }

    @Test
    void aMigrationThatIsAFifoOrHasANulIsRefusedUnread() throws Exception {
        Path file = write("20240101000000_a.sql", "-- migrate:up\nselect 1;\0\n-- migrate:down\n");
        assertThatThrownBy(() -> folder().scan()).isInstanceOf(MigrationException.class)
                .hasMessageContaining(file + ":2:10: the file contains a NUL byte");
        Files.delete(file);
        Process mk = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is available");
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> assertThatThrownBy(() -> folder().scan()).hasMessageContaining("not a regular file"));
    }
}
