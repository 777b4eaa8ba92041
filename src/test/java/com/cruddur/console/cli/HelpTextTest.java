package com.cruddur.console.cli;

import com.cruddur.console.testsupport.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command's help, as picocli builds it for {@code cruddur-console --help} (the whole tree): descriptions made of
 * whole sentences, and footers whose continued lines stay aligned at the terminal's default width.
 */
class HelpTextTest {
    private static final int WIDTH = 80;

    @TempDir
    Path home;

    /**
     * picocli starts each element of a description on its own line and shows only the first in the parent's command
     * list, so an element that ends mid-sentence is read as a cut-off sentence ("… emails on example domains,
     * messages,"). Options and parameters are held to the same rule.
     */
    @Test
    void everyDescriptionIsMadeOfWholeSentences() {
        List<String> problems = new ArrayList<>();
        for (CommandSpec spec : allCommands()) {
            String name = spec.qualifiedName();
            String[] description = spec.usageMessage().description();
            if (description.length == 0) {
                problems.add(name + ": no description");
            }
            for (String line : description) {
                if (!endsASentence(line)) {
                    problems.add(name + ": description line ends mid-sentence: \"" + line + "\"");
                }
            }
            for (ArgSpec arg : spec.args()) {
                if (arg instanceof OptionSpec o && (o.usageHelp() || o.versionHelp())) {
                    continue;
                }
                String label = arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
                if (arg.description().length == 0) {
                    problems.add(name + " " + label + ": no description");
                }
                for (String line : arg.description()) {
                    if (!endsASentence(line)) {
                        problems.add(name + " " + label + ": description ends mid-sentence: \"" + line + "\"");
                    }
                }
            }
        }
        assertThat(problems).as("help texts that stop mid-sentence").isEmpty();
    }

    /** What {@code db --help} lists for each subcommand (its description's first element) reads as a sentence. */
    @Test
    void theCommandListShowsWholeSentences() {
        String help = CliRunner.run(home, java.util.Map.of(), "db", "--help").out();
        List<String> entries = new ArrayList<>();
        boolean inList = false;
        for (String line : help.lines().toList()) {
            if (line.equals("Commands:")) {
                inList = true;
            } else if (inList && line.matches("  \\S.*")) {
                entries.add(line.strip());
            } else if (inList && line.startsWith("   ") && !entries.isEmpty()) {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
            }
        }
        assertThat(entries).anyMatch(e -> e.startsWith("generate "));
        assertThat(entries).as("entries of db --help").allMatch(HelpTextTest::endsASentence);
    }

    /** A "Files:" footer lists one place a line; each continued line starts where the first line's text does. */
    @Test
    void filesFootersAreAlignedAndFitTheDefaultWidth() {
        int footers = 0;
        for (CommandSpec spec : allCommands()) {
            List<String> lines = usage(spec).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).startsWith("Files:")) {
                    continue;
                }
                footers++;
                String first = lines.get(i);
                int column = indexOfText(first, "Files:".length());
                assertThat(column).as(spec.qualifiedName() + ": text after Files:").isGreaterThan("Files:".length());
                for (int j = i; j < lines.size() && !lines.get(j).isBlank(); j++) {
                    String line = lines.get(j);
                    assertThat(line.length()).as(spec.qualifiedName() + ": footer line fits " + WIDTH + " columns: "
                            + line).isLessThanOrEqualTo(WIDTH);
                    if (j > i) {
                        assertThat(indexOfText(line, 0)).as(spec.qualifiedName() + ": footer line aligned under the "
                                + "first one's text:\n" + first + "\n" + line).isEqualTo(column);
                    }
                }
            }
        }
        assertThat(footers).as("the root command's help has a Files: footer").isPositive();
    }

    private static boolean endsASentence(String line) {
        String s = line.strip();
        while (s.endsWith(")") || s.endsWith("\"") || s.endsWith("'")) {
            if (s.endsWith(".)") || s.endsWith(".\"") || s.endsWith(".'")) {
                return true;
            }
            s = s.substring(0, s.length() - 1);
        }
        return s.endsWith(".") || s.endsWith("?") || s.endsWith("!");
    }

    private static int indexOfText(String line, int from) {
        for (int i = from; i < line.length(); i++) {
            if (line.charAt(i) != ' ') {
                return i;
            }
        }
        return -1;
    }

    private static String usage(CommandSpec spec) {
        spec.usageMessage().width(WIDTH);
        return spec.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** The root and every command below it, built as {@code cruddur-console --help} builds them. */
    private List<CommandSpec> allCommands() {
        List<CommandSpec> all = new ArrayList<>();
        try (CliContext ctx = new CliContext(CliRunner.environment(home), new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false)) {
            collect(Main.commandLine(ctx, new String[0]).getCommandSpec(), all);
        }
        assertThat(all).extracting(CommandSpec::qualifiedName).contains("cruddur-console db generate",
                "cruddur-console profiles show", "cruddur-console rds status");
        return all;
    }

    private static void collect(CommandSpec spec, List<CommandSpec> all) {
        all.add(spec);
        spec.subcommands().values().forEach(c -> collect(c.getCommandSpec(), all));
    }
}
