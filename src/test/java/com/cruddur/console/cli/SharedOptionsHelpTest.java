package com.cruddur.console.cli;

import com.cruddur.console.testsupport.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The option blocks declared once in {@link SharedOptions} read the same in every command's help: the same entry for
 * {@code --instance}, {@code --confirm} and {@code --json} in the options list, whichever command shows it (up to the
 * column the text starts in and where it wraps, which follow each command's longest option).
 */
class SharedOptionsHelpTest {
    @TempDir
    Path home;

    @Test
    void instanceAndConfirmReadTheSameInRdsCommands() {
        String instance = entry("--instance", "rds", "stop");
        assertThat(instance).isEqualTo("--instance=ID DB instance identifier.");
        assertThat(entry("--instance", "rds", "status")).isEqualTo(instance);
        assertThat(entry("--instance", "rds", "events")).isEqualTo(instance);
        String confirm = entry("--confirm", "rds", "stop");
        assertThat(confirm).isEqualTo("--confirm=ID The instance id again, for prod-linked instances.");
        assertThat(entry("--confirm", "rds", "reboot")).isEqualTo(confirm);
        assertThat(entry("--confirm", "rds", "keep-stopped")).isEqualTo(confirm);
    }

    @Test
    void jsonAndDatabaseConfirmReadTheSameAcrossCommandGroups() {
        String json = entry("--json", "db", "sessions");
        assertThat(json).isEqualTo("--json Print JSON instead of a table.");
        assertThat(entry("--json", "rds", "list")).isEqualTo(json);
        assertThat(entry("--json", "profiles", "list")).isEqualTo(json);
        String confirm = entry("--confirm", "db", "drop");
        assertThat(confirm).isEqualTo("--confirm=DBNAME The database name, required on prod and read-only profiles.");
        assertThat(entry("--confirm", "db", "migrate")).isEqualTo(confirm);
    }

    /** The option's entry in the command's options list as the help prints it, wrapped lines joined. */
    private String entry(String option, String... command) {
        try (CliContext ctx = new CliContext(CliRunner.environment(home), new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false)) {
            CommandLine cl = Main.commandLine(ctx, new String[0]);
            for (String name : command) {
                cl = cl.getSubcommands().get(name);
            }
            List<String> entries = new ArrayList<>();
            for (String line : cl.getHelp().optionList().lines().toList()) {
                String s = line.strip();
                if (s.startsWith("-") || entries.isEmpty()) {
                    entries.add(s);
                } else {
                    entries.set(entries.size() - 1, entries.getLast() + " " + s);
                }
            }
            List<String> mine = entries.stream().map(e -> e.replaceAll("\\s+", " "))
                    .filter(e -> e.startsWith(option + "=") || e.startsWith(option + " ")).toList();
            assertThat(mine).as(String.join(" ", command) + " " + option).hasSize(1);
            return mine.getFirst();
        }
    }
}
