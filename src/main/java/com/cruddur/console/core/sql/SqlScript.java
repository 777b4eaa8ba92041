package com.cruddur.console.core.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A SQL file split into statements the way psql splits it: semicolons end a statement only outside
 * quotes ({@code '...'}, {@code E'...'}, {@code "..."}, {@code $tag$...$tag$}), comments
 * ({@code --}, nested {@code /* *\/}), parentheses and {@code BEGIN ATOMIC ... END} bodies.
 * Every statement keeps its place in the file so a server error position maps back to line:column.
 * A {@code COPY … FROM stdin} statement takes the lines after it, up to a {@code \.} line, as its data
 * (psql's rule); the restrict/unrestrict meta-command lines of recent pg_dump versions are skipped,
 * and any other psql meta-command is refused with its line ({@link SqlScriptException}).
 */
public final class SqlScript {
    private final String name;
    private final String source;
    private final List<SqlStatement> statements;
    private final List<String> notes;
    private final int[] lineStarts;

    private SqlScript(String name, String source, List<SqlStatement> statements, List<String> notes, int[] lineStarts) {
        this.name = name;
        this.source = source;
        this.statements = List.copyOf(statements);
        this.notes = List.copyOf(notes);
        this.lineStarts = lineStarts;
    }

    /** Splits {@code source}; psql meta-commands and unterminated quotes or comments are reported with their lines. */
    public static SqlScript parse(String source, String displayName) {
        return new Splitter(source, displayName).split();
    }

    /** The name used in messages, e.g. {@code schema.sql} or a file path. */
    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    public List<SqlStatement> statements() {
        return statements;
    }

    /** Log lines about what the split skipped, e.g. {@code dump.sql:5: skipped psql meta-command \restrict …}. */
    public List<String> notes() {
        return notes;
    }

    /** The data lines of a {@code COPY … FROM stdin} statement, as psql would send them. */
    public String copyText(SqlStatement statement) {
        SqlStatement.CopyData data = statement.copyData();
        return data == null ? "" : source.substring(data.start(), data.end());
    }

    /** The text of 1-based line {@code line}, without its line break. */
    public String lineText(int line) {
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : source.length();
        return source.substring(start, Math.max(start, end));
    }

    /** Where a server error position (1-based, in characters of the statement) lies in the file. */
    public SqlPosition positionOf(SqlStatement statement, int serverPosition) {
        String text = statement.text();
        int codePoints = text.codePointCount(0, text.length());
        int steps = Math.max(0, Math.min(serverPosition - 1, codePoints));
        return positionAt(statement.startOffset() + text.offsetByCodePoints(0, steps));
    }

    /** Line and column (1-based, counting characters as the server does) of a char offset in the source. */
    public SqlPosition positionAt(int offset) {
        int line = lineIndex(lineStarts, offset);
        int start = lineStarts[line];
        return new SqlPosition(name, line + 1, source.codePointCount(start, Math.min(offset, source.length())) + 1);
    }

    static int[] lineStarts(String s) {
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    static int lineIndex(int[] starts, int offset) {
        int found = Arrays.binarySearch(starts, offset);
        return found >= 0 ? found : -found - 2;
    }

    /** One pass over the tokens of the console's one tokenizer ({@link SqlTokenizer}), as the server reads them. */
    private static final class Splitter {
        private final String s;
        private final String name;
        private final int[] lineStarts;
        private final SqlTokenizer lexer;
        private final List<SqlStatement> out = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private int i;
        private int stmtStart = -1;
        private int lastSignificant = -1;
        private int parenDepth;
        private int beginDepth;
        private final List<String> words = new ArrayList<>();
        private boolean copyFromStdin;

        Splitter(String s, String name) {
            this.s = s;
            this.name = name;
            this.lineStarts = lineStarts(s);
            this.lexer = new SqlTokenizer(s);
        }

        SqlScript split() {
            refuseNul();
            int n = s.length();
            while (i < n) {
                SqlToken t = lexer.read(i);
                if (t.isNoise()) {
                    if (!t.closed()) {
                        problems.add(name + ":" + line(i) + ": unterminated /* comment starting here: add the closing */");
                    }
                    i = t.end();
                } else if (t.is(";") && parenDepth == 0 && beginDepth == 0) {
                    boolean copy = stmtStart >= 0 && copyFromStdin;
                    if (stmtStart >= 0) {
                        emit(i, line(i));
                    }
                    i = t.end();
                    if (copy) {
                        copyData();
                    }
                } else if (t.is("\\")) {
                    metaCommand();
                } else {
                    if (stmtStart < 0) {
                        stmtStart = i;
                    }
                    if (!t.closed()) {
                        problems.add(name + ":" + line(i) + ": " + unterminated(t));
                    }
                    track(t);
                    i = t.end();
                    lastSignificant = i - 1;
                }
            }
            if (stmtStart >= 0) {
                boolean copy = copyFromStdin;
                emit(lastSignificant + 1, line(lastSignificant));
                if (copy) {
                    withCopyData(new SqlStatement.CopyData(n, n, line(n)));
                }
            }
            if (!problems.isEmpty()) {
                throw new SqlScriptException(String.join("\n", problems));
            }
            return new SqlScript(name, s, out, notes, lineStarts);
        }

        /** PostgreSQL text cannot hold a NUL; the driver would fail on it as a lost connection, so say it first. */
        private void refuseNul() {
            int nul = s.indexOf('\0');
            if (nul >= 0) {
                int line = lineIndex(lineStarts, nul);
                int column = s.codePointCount(lineStarts[line], nul) + 1;
                throw new SqlScriptException(name + ":" + (line + 1) + ":" + column + ": the file contains a NUL byte (0x00),"
                        + " and PostgreSQL text cannot contain one — is this a binary file? (UTF-16 text has one in"
                        + " every other byte: save it as UTF-8); nothing was run");
            }
        }

        /**
         * psql's rule for {@code COPY … FROM stdin} in a file: the data are the lines after the statement's line, up
         * to a line that is exactly {@code \.} (or the end of the file). Text after the semicolon on the COPY's own
         * line would run after the data in psql, which is easy to misread, so only a comment may follow it.
         */
        private void copyData() {
            int eol = s.indexOf('\n', i);
            int lineEnd = eol < 0 ? s.length() : eol;
            String rest = s.substring(i, lineEnd).strip();
            if (!rest.isEmpty() && !rest.startsWith("--")) {
                problems.add(name + ":" + line(i) + ": text after COPY … FROM stdin on its line: psql would run it after"
                        + " the data; put it on a line of its own after the \\. line");
            }
            int start = eol < 0 ? s.length() : eol + 1;
            int p = start;
            while (p < s.length()) {
                int e = s.indexOf('\n', p);
                int end = e < 0 ? s.length() : e;
                int length = end - p;
                if (s.startsWith("\\.", p) && (length == 2 || (length == 3 && s.charAt(p + 2) == '\r'))) {
                    withCopyData(new SqlStatement.CopyData(start, p, line(start)));
                    i = e < 0 ? s.length() : e + 1;
                    return;
                }
                p = e < 0 ? s.length() : e + 1;
            }
            withCopyData(new SqlStatement.CopyData(start, s.length(), line(Math.min(start, s.length()))));
            i = s.length();
        }

        private void withCopyData(SqlStatement.CopyData data) {
            SqlStatement last = out.remove(out.size() - 1);
            out.add(new SqlStatement(last.index(), last.text(), last.startOffset(), last.line(), last.column(),
                    last.endLine(), data));
        }

        /** Parentheses and the words that decide where a statement ends (BEGIN ATOMIC) and what follows it (COPY). */
        private void track(SqlToken t) {
            if (t.is("(")) {
                parenDepth++;
            } else if (t.is(")") && parenDepth > 0) {
                parenDepth--;
            } else if (t.kind() == SqlToken.Kind.IDENTIFIER || t.kind() == SqlToken.Kind.KEYWORD) {
                String w = t.text().toUpperCase(Locale.ROOT);
                trackBeginAtomic(w);
                trackCopyFromStdin(w);
                words.add(w);
            }
        }

        private static String unterminated(SqlToken t) {
            return switch (t.kind()) {
                case QUOTED_IDENTIFIER -> "unterminated quoted identifier starting here: add the closing \"";
                case DOLLAR_STRING -> {
                    String tag = t.text().substring(0, t.text().indexOf('$', 1) + 1);
                    yield "unterminated dollar-quoted string " + tag + ": add the closing " + tag;
                }
                default -> "unterminated string starting here: add the closing '";
            };
        }

        // FROM STDIN outside parentheses: COPY (SELECT … FROM stdin) TO … reads a table that happens to be called stdin
        private void trackCopyFromStdin(String w) {
            if (parenDepth == 0 && w.equals("STDIN") && words.size() >= 2 && words.get(0).equals("COPY")
                    && words.get(words.size() - 1).equals("FROM")) {
                copyFromStdin = true;
            }
        }

        // psql's rule: inside CREATE FUNCTION/PROCEDURE, BEGIN ATOMIC opens a body that CASE nests and END closes.
        private void trackBeginAtomic(String w) {
            boolean routine = !words.isEmpty() && words.get(0).equals("CREATE")
                    && words.subList(0, Math.min(words.size(), 5)).stream()
                    .anyMatch(x -> x.equals("FUNCTION") || x.equals("PROCEDURE"));
            if (!routine) {
                return;
            }
            String previous = words.get(words.size() - 1);
            if (w.equals("ATOMIC") && previous.equals("BEGIN")) {
                beginDepth++;
            } else if (beginDepth > 0 && w.equals("CASE")) {
                beginDepth++;
            } else if (beginDepth > 0 && w.equals("END")) {
                beginDepth--;
            }
        }

        private void metaCommand() {
            int eol = s.indexOf('\n', i);
            int end = eol < 0 ? s.length() : eol;
            int wordEnd = i + 1;
            while (wordEnd < end && !Character.isWhitespace(s.charAt(wordEnd))) {
                wordEnd++;
            }
            String command = s.substring(i, wordEnd);
            if (stmtStart < 0 && (command.equals("\\restrict") || command.equals("\\unrestrict"))) {
                // pg_dump 17.6+ brackets its output with these to stop psql running injected meta-commands;
                // we never run meta-commands, so there is nothing to do
                notes.add(name + ":" + line(i) + ": skipped psql meta-command " + command + " (nothing to do outside psql)");
            } else if (command.equals("\\.")) {
                problems.add(name + ":" + line(i) + ": \\. ends COPY data, but no COPY … FROM stdin comes before it:"
                        + " check the COPY statement above (it must end with a semicolon) or remove the line");
            } else {
                problems.add(name + ":" + line(i) + ": psql meta-command " + command
                        + " is not supported (only SQL runs here): remove the line or run it in psql");
            }
            i = end;
        }

        private void emit(int endExclusive, int endLine) {
            String text = s.substring(stmtStart, endExclusive).stripTrailing();
            int line = line(stmtStart);
            int column = s.codePointCount(lineStarts[line - 1], stmtStart) + 1;
            out.add(new SqlStatement(out.size(), text, stmtStart, line, column, endLine));
            stmtStart = -1;
            parenDepth = 0;
            beginDepth = 0;
            words.clear();
            copyFromStdin = false;
        }

        private int line(int offset) {
            return lineIndex(lineStarts, offset) + 1;
        }
    }
}
