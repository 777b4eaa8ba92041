package com.cruddur.console.core.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A SQL file split into statements the way psql splits it: semicolons end a statement only outside
 * quotes ({@code '...'}, {@code E'...'}, {@code "..."}, {@code $tag$...$tag$}), comments
 * ({@code --}, nested {@code /* *\/}), parentheses and {@code BEGIN ATOMIC ... END} bodies.
 * Every statement keeps its place in the file so a server error position maps back to line:column.
 */
public final class SqlScript {
    private final String name;
    private final String source;
    private final List<SqlStatement> statements;
    private final int[] lineStarts;

    private SqlScript(String name, String source, List<SqlStatement> statements, int[] lineStarts) {
        this.name = name;
        this.source = source;
        this.statements = List.copyOf(statements);
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

    /** One pass over the text; small state machine instead of regexes so dollar tags and nesting are exact. */
    private static final class Splitter {
        private final String s;
        private final String name;
        private final int[] lineStarts;
        private final List<SqlStatement> out = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private int i;
        private int stmtStart = -1;
        private int lastSignificant = -1;
        private int parenDepth;
        private int beginDepth;
        private final List<String> words = new ArrayList<>();

        Splitter(String s, String name) {
            this.s = s;
            this.name = name;
            this.lineStarts = lineStarts(s);
        }

        SqlScript split() {
            int n = s.length();
            while (i < n) {
                char c = s.charAt(i);
                char next = i + 1 < n ? s.charAt(i + 1) : '\0';
                if (c == '-' && next == '-') {
                    int eol = s.indexOf('\n', i);
                    i = eol < 0 ? n : eol;
                } else if (c == '/' && next == '*') {
                    blockComment();
                } else if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == ';' && parenDepth == 0 && beginDepth == 0) {
                    if (stmtStart >= 0) {
                        emit(i, line(i));
                    }
                    i++;
                } else if (c == '\\') {
                    metaCommand();
                } else {
                    if (stmtStart < 0) {
                        stmtStart = i;
                    }
                    token(c);
                    lastSignificant = i - 1;
                }
            }
            if (stmtStart >= 0) {
                emit(lastSignificant + 1, line(lastSignificant));
            }
            if (!problems.isEmpty()) {
                throw new SqlFileException(String.join("\n", problems));
            }
            return new SqlScript(name, s, out, lineStarts);
        }

        private void token(char c) {
            if (c == '\'') {
                quoted('\'', false);
            } else if (c == '"') {
                quoted('"', false);
            } else if (c == '$' && !isIdentPart(prev())) {
                dollar();
            } else if (isIdentStart(c)) {
                word();
            } else {
                if (c == '(') {
                    parenDepth++;
                } else if (c == ')' && parenDepth > 0) {
                    parenDepth--;
                }
                i++;
            }
        }

        private void word() {
            int start = i;
            while (i < s.length() && isIdentPart(s.charAt(i))) {
                i++;
            }
            String w = s.substring(start, i).toUpperCase(Locale.ROOT);
            if (i < s.length() && s.charAt(i) == '\'' && w.equals("E")) {
                quoted('\'', true);
                return;
            }
            trackBeginAtomic(w);
            words.add(w);
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

        private void quoted(char quote, boolean backslashEscapes) {
            int start = i;
            i++;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (backslashEscapes && c == '\\') {
                    i += 2;
                } else if (c == quote) {
                    if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                        i += 2;
                    } else {
                        i++;
                        return;
                    }
                } else {
                    i++;
                }
            }
            String what = quote == '"' ? "quoted identifier" : "string";
            problems.add(name + ":" + line(start) + ": unterminated " + what + " starting here: add the closing " + quote);
            i = s.length();
        }

        private void dollar() {
            int j = i + 1;
            if (j < s.length() && isIdentStart(s.charAt(j))) {
                while (j < s.length() && isIdentPart(s.charAt(j)) && s.charAt(j) != '$') {
                    j++;
                }
            }
            if (j >= s.length() || s.charAt(j) != '$') {
                i++; // a parameter like $1, not a quote
                return;
            }
            String tag = s.substring(i, j + 1);
            int close = s.indexOf(tag, j + 1);
            if (close < 0) {
                problems.add(name + ":" + line(i) + ": unterminated dollar-quoted string " + tag + ": add the closing " + tag);
                i = s.length();
            } else {
                i = close + tag.length();
            }
        }

        private void blockComment() {
            int start = i;
            int depth = 0;
            while (i < s.length()) {
                if (s.startsWith("/*", i)) {
                    depth++;
                    i += 2;
                } else if (s.startsWith("*/", i)) {
                    depth--;
                    i += 2;
                    if (depth == 0) {
                        return;
                    }
                } else {
                    i++;
                }
            }
            problems.add(name + ":" + line(start) + ": unterminated /* comment starting here: add the closing */");
        }

        private void metaCommand() {
            int eol = s.indexOf('\n', i);
            int end = eol < 0 ? s.length() : eol;
            int wordEnd = i + 1;
            while (wordEnd < end && !Character.isWhitespace(s.charAt(wordEnd))) {
                wordEnd++;
            }
            problems.add(name + ":" + line(i) + ": psql meta-command " + s.substring(i, wordEnd)
                    + " is not supported (only SQL runs here): remove the line or run it in psql");
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
        }

        private char prev() {
            return i > 0 ? s.charAt(i - 1) : '\0';
        }

        private int line(int offset) {
            return lineIndex(lineStarts, offset) + 1;
        }

        private static boolean isIdentStart(char c) {
            return Character.isLetter(c) || c == '_' || c >= 0x80;
        }

        private static boolean isIdentPart(char c) {
            return isIdentStart(c) || Character.isDigit(c) || c == '$';
        }
    }
}
