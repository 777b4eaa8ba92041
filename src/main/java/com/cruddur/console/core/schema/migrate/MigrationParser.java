package com.cruddur.console.core.schema.migrate;

import com.cruddur.console.core.schema.script.SqlFileException;
import com.cruddur.console.core.sql.SqlScript;
import com.cruddur.console.core.sql.SqlScriptException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a migration file into its {@code -- migrate:up} and {@code -- migrate:down} sections by dbmate's rules
 * (pkg/dbmate/migration.go), so a file the console accepts is one dbmate accepts, and the other way round:
 * <ul>
 *   <li>a directive is {@code --}, optional whitespace, {@code migrate:up} or {@code migrate:down} at the start of a
 *       line, followed by the end of the line or by options ({@code transaction:false});</li>
 *   <li>only blank and comment lines may come before the first {@code -- migrate:up};</li>
 *   <li>a {@code -- migrate:down} is required, and only one per {@code -- migrate:up};</li>
 *   <li>a section's options are the {@code key:value} words on its directive line; {@code transaction:false} runs
 *       it outside a transaction, anything else is ignored (dbmate ignores it too; we say so in the log).</li>
 * </ul>
 * dbmate's regular expressions use Go's {@code \s} ({@code [\t\n\f\r ]}) and treat only {@code \n} as a line end;
 * the patterns below spell that out, since Java's own {@code \s} and {@code $} differ. One difference on purpose: a
 * file with several {@code -- migrate:up} sections is refused. dbmate records the file's one version after each
 * section, so on PostgreSQL its second section fails on the version's primary key after the first has committed.
 */
final class MigrationParser {
    private static final String WS = "[\\t\\n\\f\\r ]";
    private static final Pattern UP = Pattern.compile("^--" + WS + "*migrate:up(" + WS + "*$|" + WS + "+[^\\t\\n\\f\\r ]+)",
            Pattern.MULTILINE | Pattern.UNIX_LINES);
    private static final Pattern DOWN = Pattern.compile("^--" + WS + "*migrate:down(" + WS + "*$|" + WS + "+[^\\t\\n\\f\\r ]+)",
            Pattern.MULTILINE | Pattern.UNIX_LINES);
    private static final Pattern DIRECTIVE = Pattern.compile("^--" + WS + "*migrate:(up|down)", Pattern.UNIX_LINES);
    private static final Pattern EMPTY_LINE = Pattern.compile("^" + WS + "*$", Pattern.UNIX_LINES);
    private static final Pattern COMMENT_LINE = Pattern.compile("^" + WS + "*--", Pattern.UNIX_LINES);

    private MigrationParser() {
    }

    /** The two sections of {@code text}; {@code name} is used in positions and messages. */
    static Parsed parse(String text, String name) {
        List<Integer> ups = starts(UP, text);
        if (ups.isEmpty()) {
            throw new MigrationException(name + ": no '-- migrate:up' line: dbmate requires each migration to define an"
                    + " up block; start the file with a line '-- migrate:up', the SQL to apply, then a line"
                    + " '-- migrate:down' and the SQL that undoes it");
        }
        int firstUp = ups.get(0);
        int stray = statementLineBefore(text, firstUp);
        if (stray > 0) {
            throw new MigrationException(name + ":" + stray + ": SQL before the '-- migrate:up' line: dbmate does not"
                    + " support statements before the up block; move it below '-- migrate:up'");
        }
        if (ups.size() > 1) {
            throw new MigrationException(name + ":" + lineOf(text, ups.get(1)) + ": a second '-- migrate:up' section:"
                    + " dbmate records the file's one version after each section, so on PostgreSQL the second one fails"
                    + " after the first has committed; put each section in a file of its own (db new-migration NAME)");
        }
        List<Integer> downs = starts(DOWN, text);
        if (downs.isEmpty()) {
            throw new MigrationException(name + ": no '-- migrate:down' line: dbmate requires each migration to define a"
                    + " down block; add a line '-- migrate:down' after the up SQL (it may be left empty, and then the"
                    + " migration cannot be rolled back)");
        }
        if (downs.size() > 1) {
            throw new MigrationException(name + ":" + lineOf(text, downs.get(1)) + ": a second '-- migrate:down' line:"
                    + " dbmate requires every '-- migrate:down' to be preceded by a '-- migrate:up'; remove one");
        }
        int down = downs.get(0);
        if (down < firstUp) {
            // only reachable when the down directive is in the comment lines before the up one
            throw new MigrationException(name + ":" + lineOf(text, down) + ": '-- migrate:down' comes before"
                    + " '-- migrate:up': dbmate requires the up block first");
        }
        return new Parsed(section(text, name, firstUp, down), section(text, name, down, text.length()));
    }

    /**
     * A section keeps its lines where they are in the file (the text before it becomes empty lines), so the
     * splitter's and the server's positions are the file's own line and column.
     */
    private static MigrationFile.Section section(String text, String name, int from, int to) {
        String block = text.substring(from, to);
        int line = lineOf(text, from);
        int eol = block.indexOf('\n');
        Map<String, String> options = options(eol < 0 ? block : block.substring(0, eol));
        List<String> ignored = new ArrayList<>();
        options.forEach((k, v) -> {
            if (!k.equals("transaction") || !(v.equals("false") || v.equals("true"))) {
                ignored.add(k + ":" + v);
            }
        });
        SqlScript script;
        try {
            script = SqlScript.parse("\n".repeat(line - 1) + block, name);
        } catch (SqlScriptException e) {
            throw new SqlFileException(e.getMessage(), e);
        }
        return new MigrationFile.Section(script, !"false".equals(options.get("transaction")), ignored, line);
    }

    /** dbmate's parseMigrationOptions: the directive line's whitespace-separated {@code key:value} pairs. */
    private static Map<String, String> options(String directiveLine) {
        String rest = DIRECTIVE.matcher(directiveLine).replaceFirst("").strip();
        Map<String, String> out = new LinkedHashMap<>();
        if (rest.isEmpty()) {
            return out;
        }
        for (String pair : rest.split(WS + "+")) {
            String[] kv = pair.split(":", -1);
            if (kv.length == 2) {
                out.put(kv[0], kv[1]);
            }
        }
        return out;
    }

    /** The first line before {@code end} that is neither blank nor a comment (1-based), or 0. */
    private static int statementLineBefore(String text, int end) {
        String[] lines = text.substring(0, end).split("\n", -1);
        for (int k = 0; k < lines.length; k++) {
            if (!EMPTY_LINE.matcher(lines[k]).matches() && !COMMENT_LINE.matcher(lines[k]).lookingAt()) {
                return k + 1;
            }
        }
        return 0;
    }

    private static List<Integer> starts(Pattern p, String text) {
        List<Integer> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.start());
        }
        return out;
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int k = 0; k < offset; k++) {
            if (text.charAt(k) == '\n') {
                line++;
            }
        }
        return line;
    }

    record Parsed(MigrationFile.Section up, MigrationFile.Section down) {
    }
}
