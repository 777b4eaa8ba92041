package com.cruddur.console.core.settings;

import com.cruddur.console.testsupport.ChildJvm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class LoggingTest {
    @AfterEach
    void restoreLogging() throws Exception {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void writesOneLinePerRecordWithTheStackTraceToAPrivateFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state/cruddur-console.log");
        assertThat(Logging.toFile(file)).isTrue();
        Logger log = Logger.getLogger("com.cruddur.console.Test");
        log.info("started");
        log.log(Level.WARNING, "could not connect", new IllegalStateException("refused"));
        log.fine("not at INFO");
        for (var h : Logger.getLogger("").getHandlers()) {
            h.flush();
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} INFO com\\.cruddur\\.console\\.Test: started");
        assertThat(lines.get(1)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} WARNING com\\.cruddur\\.console\\.Test: could not connect");
        assertThat(lines.get(2)).isEqualTo("java.lang.IllegalStateException: refused");
        assertThat(lines.get(3)).startsWith("\tat ");
        assertThat(String.join("\n", lines)).doesNotContain("not at INFO");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void rotatedAndNewLogFilesAreOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cruddur-console.log");
        assertThat(Logging.toFile(file, 2_000)).isTrue();
        Logger log = Logger.getLogger("com.cruddur.console.Rotation");
        for (int i = 0; i < 100; i++) {
            log.info("line " + i + " " + "x".repeat(60));
        }
        Path previous = dir.resolve("cruddur-console.log.1");
        assertThat(previous).exists();
        assertThat(Files.size(file)).isLessThanOrEqualTo(2_000);
        assertThat(Files.readString(file)).contains("line 99");
        assertThat(Files.readString(previous)).doesNotContain("line 99").contains("line 9");
        assertOwnerOnly(dir);
    }

    @Test
    void aSecondProcessWritesToTheSameFileAndLeavesNoReadableFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cruddur-console.log");
        assertThat(Logging.toFile(file)).isTrue();
        Logger.getLogger("parent").info("from the first process");
        Process child = ChildJvm.builder(LoggingChild.class, file.toString()).redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        Logger.getLogger("parent").info("the first process again");
        assertThat(Files.readString(file)).contains("from the first process", "from the second process",
                "the first process again");
        assertOwnerOnly(dir);
    }

    private static void assertOwnerOnly(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.getFileName().toString())
                        .isEqualTo("rw-------");
            }
        }
    }
}
