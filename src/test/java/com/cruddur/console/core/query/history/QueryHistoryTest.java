package com.cruddur.console.core.query.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-profile query history and scratch buffer: 0600 files, capped, searchable, never a password. */
class QueryHistoryTest {
    @TempDir
    Path state;

    @Test
    void passwordLiteralsAreMaskedHoweverTheyAreSpelled() {
        List<String> hostile = List.of(
                "ALTER ROLE app PASSWORD 'hunter2'",
                "alter role app with encrypted PaSsWoRd\n  /* why */ -- really\n 'hunter2'",
                "CREATE USER x PASSWORD $pw$hunter2$pw$",
                "create user x password E'hunter2'",
                "create user x password U&'hunter2'",
                "ALTER USER x PASSWORD 'hun''ter2'",
                "UPDATE users SET password = 'hunter2' WHERE id = 1",
                "SELECT dblink_connect('host=db user=a password=hunter2 dbname=x')",
                "SELECT dblink_connect('postgresql://a:hunter2@db/x')",
                "ALTER ROLE app PASSWORD 'hunter2");
        for (String sql : hostile) {
            assertThat(SecretMask.mask(sql)).as(sql).doesNotContain("hunter2").doesNotContain("ter2");
        }
        assertThat(SecretMask.mask("ALTER ROLE app PASSWORD 'hunter2' VALID UNTIL '2030-01-01'"))
                .isEqualTo("ALTER ROLE app PASSWORD '***' VALID UNTIL '2030-01-01'");
        assertThat(SecretMask.mask("SELECT 'password' AS word, 'plain'")).isEqualTo("SELECT 'password' AS word, 'plain'");
    }

    @Test
    void historyIsKeptPerProfileInAPrivateFileNewestFirstInSearches() throws Exception {
        QueryHistory dev = new QueryHistory(state, "dev");
        dev.add("SELECT * FROM users", Instant.parse("2026-01-01T10:00:00Z"), 12, 3, true, null);
        dev.add("SELECT * FROM activities", Instant.parse("2026-01-01T10:01:00Z"), 5, 0, false,
                "ERROR: relation \"activities\" does not exist\nmore");
        dev.add("ALTER ROLE app PASSWORD 'hunter2x'", Instant.parse("2026-01-01T10:02:00Z"), 1, 0, false,
                "ERROR: syntax error at or near \"'hunter2x'\"");
        QueryHistory prod = new QueryHistory(state, "prod/eu west");
        prod.add("SELECT 1", Instant.now(), 1, 1, true, null);

        QueryHistory again = new QueryHistory(state, "dev");
        assertThat(again.entries()).hasSize(3);
        assertThat(again.entries().get(1).error()).isEqualTo("ERROR: relation \"activities\" does not exist");
        assertThat(again.search("select FROM")).extracting(HistoryEntry::text)
                .containsExactly("SELECT * FROM activities", "SELECT * FROM users");
        assertThat(again.search("USERS")).hasSize(1);
        assertThat(new QueryHistory(state, "prod/eu west").entries()).singleElement()
                .extracting(HistoryEntry::text).isEqualTo("SELECT 1");
        String onDisk = Files.readString(again.historyFile());
        assertThat(onDisk).doesNotContain("hunter2x");
        assertThat(Files.getPosixFilePermissions(again.historyFile()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(prod.historyFile().getParent()).isEqualTo(state.resolve("query"));
        assertThat(prod.historyFile().getFileName().toString()).doesNotContain("/").doesNotContain(" ");
    }

    @Test
    void historyIsCappedAndLongTextIsCut() throws Exception {
        QueryHistory h = new QueryHistory(state, "dev");
        for (int i = 0; i < QueryHistory.MAX_ENTRIES + 5; i++) {
            h.add("SELECT " + i, Instant.now(), 1, 1, true, null);
        }
        List<HistoryEntry> all = h.entries();
        assertThat(all).hasSize(QueryHistory.MAX_ENTRIES);
        assertThat(all.get(0).text()).isEqualTo("SELECT 5");
        h.add("SELECT '" + "x".repeat(QueryHistory.MAX_TEXT * 2) + "'", Instant.now(), 1, 1, true, null);
        assertThat(h.entries().get(QueryHistory.MAX_ENTRIES - 1).text().length()).isLessThan(QueryHistory.MAX_TEXT + 20);
    }

    @Test
    void theScratchBufferSurvivesAndIsPrivate() throws Exception {
        QueryHistory h = new QueryHistory(state, "dev");
        assertThat(h.scratchText()).isEmpty();
        h.saveScratch("SELECT 'é' -- unsaved work\n");
        assertThat(new QueryHistory(state, "dev").scratchText()).contains("SELECT 'é' -- unsaved work\n");
        assertThat(new QueryHistory(state, "other").scratchText()).isEmpty();
        assertThat(Files.getPosixFilePermissions(h.scratchFile()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(h.scratchFile(), StandardCharsets.UTF_8)).startsWith("SELECT");
    }

    @Test
    void anUnreadableHistoryIsSetAsideNotLost() throws Exception {
        QueryHistory h = new QueryHistory(state, "dev");
        Files.createDirectories(h.historyFile().getParent());
        Files.writeString(h.historyFile(), "not json");
        assertThat(h.entries()).isEmpty();
        h.add("SELECT 1", Instant.now(), 1, 1, true, null);
        assertThat(h.entries()).hasSize(1);
        try (var files = Files.list(h.historyFile().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.contains(".corrupt-"));
        }
    }
}
