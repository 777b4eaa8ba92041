package com.cruddur.console.core.settings;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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
}
