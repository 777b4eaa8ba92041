package com.cruddur.console.ui.query;

import com.cruddur.console.core.query.history.RecentFiles;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The recent .sql files outlive the window: kept per user in the state folder, 0600, newest first, at most ten. */
class QueryRecentFilesTest {
    @TempDir
    Path home;
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    final DirectTaskRunner tasks = new DirectTaskRunner();

    @Test
    void openedAndSavedFilesAreRememberedAcrossARestartPrivatelyAndBounded() throws Exception {
        Path state = home.resolve("state");
        QueryMemory memory = new QueryMemory(state, tasks, dialogs);
        assertThat(memory.recentFiles()).isEmpty();
        Path f = home.resolve("report.sql");
        Files.writeString(f, "SELECT 1;");
        memory.open(f);
        memory.save(home.resolve("copy.sql"));
        memory.open(f);

        QueryMemory restarted = new QueryMemory(state, tasks, dialogs);
        assertThat(restarted.recentFiles()).containsExactly(f, home.resolve("copy.sql"));
        Path file = new RecentFiles(state).file();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        for (int i = 0; i < 15; i++) {
            restarted.save(home.resolve("f" + i + ".sql"));
        }
        QueryMemory third = new QueryMemory(state, tasks, dialogs);
        assertThat(third.recentFiles()).hasSize(RecentFiles.MAX).first().isEqualTo(home.resolve("f14.sql"));
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aDamagedListIsSetAsideWithAMessageAndStartsEmpty() throws Exception {
        Path state = home.resolve("state");
        Path file = new RecentFiles(state).file();
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"version\": 1, \"files\": [\"relative/path.sql\", 42]}");
        QueryMemory memory = new QueryMemory(state, tasks, dialogs);
        assertThat(memory.recentFiles()).isEmpty();
        assertThat(dialogs.errors).singleElement().asString().contains("Recent files");
        Path f = home.resolve("next.sql");
        memory.save(f);
        assertThat(new QueryMemory(state, tasks, dialogs).recentFiles()).containsExactly(f);
    }
}
