package com.cruddur.console.cli;

import com.cruddur.console.testsupport.ChildCli;

import com.cruddur.console.core.schema.script.BundledSql;
import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.CliRunner.Result;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code export --out} as psql treats its output file: {@code -} is stdout, a device or FIFO is written directly, a
 * symbolic link is written through and stays a link, and only a regular file is replaced by a temporary file's rename.
 */
class ExportTargetTest {
    static String db;
    static final String HEADER = "uuid,display_name,handle,email,cognito_user_id,created_at,updated_at";

    @TempDir
    Path home;

    @BeforeAll
    static void database() throws SQLException {
        db = TestPostgres.freshDatabase("cli_export_target");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute(BundledSql.schema().read());
            st.execute(BundledSql.seed().read());
        }
    }

    static String url() {
        return "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
    }

    Result export(String out, String... more) {
        String[] args = Stream.concat(Stream.of("export", "users", "--url", url(), "--format", "csv", "--order-by",
                "handle", "--out", out), Stream.of(more)).toArray(String[]::new);
        return CliRunner.run(home, Map.of(), args);
    }

    private static Path mkfifo(Path p) throws Exception {
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertThat(mk.waitFor()).isZero();
        return p;
    }

    /** Reads the FIFO to its end in the background, as a consumer of the export would. */
    private static CompletableFuture<String> reader(Path fifo) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (Exception e) {
                text.completeExceptionally(e);
            }
        }, "fifo-reader");
        t.setDaemon(true);
        t.start();
        return text;
    }

    private void noPartFiles(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void dashMeansStdoutWithProgressAndSummaryOnStderr() {
        Result r = export("-");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith(HEADER + "\n").contains("andrewbrown").contains("bayko");
        assertThat(r.out().lines().count()).isEqualTo(3);
        assertThat(r.err()).contains("exported 2 rows of public.users to stdout");
        assertThat(home.resolve("-")).doesNotExist();

        Result json = CliRunner.run(home, Map.of(), "export", "users", "--url", url(), "--format", "json", "--out", "-");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.out()).startsWith("[{").endsWith("]\n");
    }

    /**
     * The issue: run as root, --out /dev/stdout replaced /dev/stdout with a regular file. A name of the process's own
     * stdout is written as stdout, the summary going to stderr. (/proc/self/fd/1 is used here because it resolves the
     * same way and, should this ever regress, cannot be renamed over.)
     */
    @Test
    void theProcesssOwnStdoutByNameIsStdout() throws Exception {
        ChildCli.Done done = ChildCli.run(home, "export", "users", "--url", url(), "--format", "csv", "--order-by",
                "handle", "--out", "/proc/self/fd/1");
        assertThat(done.code()).as(done.err()).isZero();
        assertThat(done.out()).startsWith(HEADER + "\n").doesNotContain("exported");
        assertThat(done.out().lines().count()).isEqualTo(3);
        assertThat(done.err()).contains("exported 2 rows of public.users to stdout");
        assertThat(Files.isSymbolicLink(Path.of("/dev/stdout"))).isTrue();
    }

    @Test
    void aFifoIsWrittenDirectlyAndStaysAFifo() throws Exception {
        Path fifo = mkfifo(home.resolve("pipe"));
        CompletableFuture<String> read = reader(fifo);
        Result r = export(fifo.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(read.get(60, TimeUnit.SECONDS)).startsWith(HEADER).contains("bayko");
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS)).isTrue();
        noPartFiles(home);
    }

    @Test
    void aSymlinkToARegularFileIsWrittenThroughAndStaysALink() throws Exception {
        Path realDir = Files.createDirectories(home.resolve("real"));
        Path target = Files.writeString(realDir.resolve("users.csv"), "old content\n");
        Path link = Files.createSymbolicLink(home.resolve("latest.csv"), Path.of("real/users.csv"));
        Result r = export(link.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("real/users.csv"));
        assertThat(Files.readString(target)).startsWith(HEADER).contains("bayko");
        assertThat(r.out()).contains("to " + target);
        noPartFiles(home);
        noPartFiles(realDir);

        // a dangling link gets its file created where it points
        Path dangling = Files.createSymbolicLink(home.resolve("next.csv"), realDir.resolve("new.csv"));
        assertThat(export(dangling.toString()).code()).isZero();
        assertThat(Files.isSymbolicLink(dangling)).isTrue();
        assertThat(Files.readString(realDir.resolve("new.csv"))).startsWith(HEADER);
    }

    @Test
    void aSymlinkToDevNullOrToAFifoIsWrittenThroughWithoutReplacingIt() throws Exception {
        Path toNull = Files.createSymbolicLink(home.resolve("discard.csv"), Path.of("/dev/null"));
        Result r = export(toNull.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.isSymbolicLink(toNull)).isTrue();
        assertThat(Files.isRegularFile(Path.of("/dev/null"), LinkOption.NOFOLLOW_LINKS)).isFalse();

        Path fifo = mkfifo(home.resolve("pipe2"));
        Path toFifo = Files.createSymbolicLink(home.resolve("piped.csv"), fifo);
        CompletableFuture<String> read = reader(fifo);
        Result viaLink = export(toFifo.toString());
        assertThat(viaLink.code()).as(viaLink.err()).isZero();
        assertThat(read.get(60, TimeUnit.SECONDS)).startsWith(HEADER);
        assertThat(Files.isSymbolicLink(toFifo)).isTrue();
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
        noPartFiles(home);
    }

    @Test
    void aRegularFileIsReplacedWholeAndAFolderIsRefused() throws Exception {
        Path file = Files.writeString(home.resolve("users.csv"), "old\n");
        Result ok = export(file.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(Files.readString(file)).startsWith(HEADER);
        assertThat(Files.getPosixFilePermissions(file)).hasSize(2); // rw------- like every file the console writes

        Result failed = export(file.toString(), "--where", "1/0 = 1");
        assertThat(failed.code()).isEqualTo(1);
        assertThat(Files.readString(file)).startsWith(HEADER);
        noPartFiles(home);

        Path folder = Files.createDirectories(home.resolve("folder"));
        Result refused = export(folder.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("is a folder");
    }
}
