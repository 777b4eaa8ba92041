package com.cruddur.console.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link ClassCleanup} does when a class ends, tried with what tests leave behind. */
class ClassCleanupTest {
    @TempDir
    Path junitTemp;

    @Test
    void databasesMadeSinceTheClassStartedAreDroppedWithTheirSessionsAndOddNames() throws Exception {
        TestPostgres.server();
        Set<String> before = TestPostgres.databasesIfStarted();
        String fresh = TestPostgres.freshDatabase("cleanup");
        String odd = "Odd \"name\"; DROP DATABASE postgres";
        try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE \"" + odd.replace("\"", "\"\"") + "\"");
        }
        Connection leftOpen = TestPostgres.connect(fresh);

        TestPostgres.dropDatabasesExcept(before);

        assertThat(TestPostgres.databasesIfStarted()).containsExactlyInAnyOrderElementsOf(before)
                .doesNotContain(fresh, odd).contains("postgres");
        assertThat(leftOpen.isValid(5)).as("the session a test left open was ended").isFalse();
        leftOpen.close();
    }

    @Test
    void theTempFolderAFixtureMadeGoesWithItsHomeAndJUnitsOwnIsLeftToJUnit() throws Exception {
        Path made = Files.createTempDirectory("cruddur-cleanup");
        Path home = Files.createDirectories(made.resolve("home/someone-with-a-long-name"));
        GuiTestSupport.core(home).close();
        Path junitHome = Files.createDirectories(junitTemp.resolve("home"));
        GuiTestSupport.core(junitHome).close();
        Files.writeString(junitHome.resolve("kept"), "JUnit deletes its own folder");

        GuiTestSupport.deleteHomes();

        assertThat(made).doesNotExist();
        assertThat(junitHome.resolve("kept")).exists();
    }
}
