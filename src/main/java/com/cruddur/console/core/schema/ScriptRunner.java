package com.cruddur.console.core.schema;

import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a parsed script in one transaction: all of it commits or none of it remains. NOTICEs go to
 * the log sink formatted as psql prints them; a failure rolls back and becomes a {@link ScriptException}
 * that points at the file position of the failing token.
 */
public final class ScriptRunner {
    private static final Pattern FIRST_WORDS = Pattern.compile("^\\s*([A-Za-z_]+)(?:\\s+([A-Za-z_]+))?");
    private static final int QUOTE_LINES = 12;

    private final Consumer<String> log;
    private volatile Statement running;

    public ScriptRunner(Consumer<String> log) {
        this.log = log;
    }

    /** Runs every statement of {@code script} on {@code connection} in one transaction and commits. */
    public ScriptResult run(Connection connection, SqlScript script) {
        refuseNonTransactional(script);
        long started = System.nanoTime();
        List<String> notices = new ArrayList<>();
        SqlStatement current = null;
        int executed = 0;
        boolean autoCommit = true;
        try {
            autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                st.setEscapeProcessing(false);
                running = st;
                for (SqlStatement statement : script.statements()) {
                    current = statement;
                    if (isTransactionControl(statement)) {
                        log.accept(script.name() + ":" + statement.line() + ": skipped " + statement.firstLine()
                                + " (the whole file already runs in one transaction)");
                        continue;
                    }
                    st.execute(statement.text());
                    executed++;
                    drainNotices(st.getWarnings(), script, statement, notices);
                    st.clearWarnings();
                }
            } finally {
                running = null;
            }
            connection.commit();
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            rollbackQuietly(connection, autoCommit);
            throw failure(e, script, current);
        }
        return new ScriptResult(script.name(), executed, notices, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Cancels the statement that is running now (from another thread); the script then fails and rolls back. */
    public void cancel() {
        Statement st = running;
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException ignored) {
                // the statement finished or the connection is gone; nothing left to cancel
            }
        }
    }

    private static void refuseNonTransactional(SqlScript script) {
        for (SqlStatement statement : script.statements()) {
            String[] w = firstWords(statement);
            boolean database = (w[0].equals("CREATE") || w[0].equals("DROP")) && w[1].equals("DATABASE");
            boolean rollback = w[0].equals("ROLLBACK") && !w[1].equals("TO");
            if (database || rollback) {
                String reason = database
                        ? w[0] + " DATABASE cannot run inside a script (scripts run in one transaction): "
                        + "use db create / db drop, or remove the statement"
                        : "ROLLBACK inside a script would discard the file's own work: remove the statement";
                SqlPosition at = script.positionAt(statement.startOffset());
                throw new ScriptException(at + ": " + reason + "\n" + quote(statement, at.line(), script)
                        + "\nnothing was run", at, statement.text(), null, reason, null, null, false, null);
            }
        }
    }

    private static boolean isTransactionControl(SqlStatement statement) {
        String[] w = firstWords(statement);
        return (w[0].equals("BEGIN") && !w[1].equals("ATOMIC")) || w[0].equals("COMMIT") || w[0].equals("END")
                || (w[0].equals("START") && w[1].equals("TRANSACTION"));
    }

    private static String[] firstWords(SqlStatement statement) {
        Matcher m = FIRST_WORDS.matcher(statement.text());
        if (!m.find()) {
            return new String[]{"", ""};
        }
        return new String[]{m.group(1).toUpperCase(Locale.ROOT),
                m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT)};
    }

    private void drainNotices(SQLWarning warning, SqlScript script, SqlStatement statement, List<String> notices) {
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            StringBuilder line = new StringBuilder("psql:").append(script.name()).append(':')
                    .append(statement.endLine()).append(": ");
            ServerErrorMessage sem = w instanceof PSQLWarning pw ? pw.getServerErrorMessage() : null;
            if (sem != null) {
                line.append(sem.getSeverity()).append(":  ").append(sem.getMessage());
                if (sem.getDetail() != null) {
                    line.append("\nDETAIL:  ").append(sem.getDetail());
                }
                if (sem.getHint() != null) {
                    line.append("\nHINT:  ").append(sem.getHint());
                }
            } else {
                line.append("WARNING:  ").append(w.getMessage());
            }
            notices.add(line.toString());
            log.accept(line.toString());
        }
    }

    private static void rollbackQuietly(Connection connection, boolean autoCommit) {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException ignored) {
            // the connection died; the server rolls back an open transaction when its session ends
        }
    }

    private static ScriptException failure(SQLException e, SqlScript script, SqlStatement current) {
        if (current == null) {
            SqlPosition at = new SqlPosition(script.name(), 1, 1);
            return new ScriptException(script.name() + ": could not start the transaction: " + e.getMessage(),
                    at, "", e.getSQLState(), e.getMessage(), null, null, SchemaErrors.isConnectionLost(e), e);
        }
        ServerErrorMessage sem = e instanceof PSQLException pe ? pe.getServerErrorMessage() : null;
        String message = sem != null && sem.getMessage() != null ? sem.getMessage() : e.getMessage();
        String detail = sem != null ? sem.getDetail() : null;
        String hint = sem != null ? sem.getHint() : null;
        SqlPosition at = sem != null && sem.getPosition() > 0
                ? script.positionOf(current, sem.getPosition())
                : script.positionAt(current.startOffset());
        boolean lost = SchemaErrors.isConnectionLost(e);
        StringBuilder text = new StringBuilder();
        if (lost) {
            text.append(at).append(": connection to the server was lost while running statement ")
                    .append(current.index() + 1).append(" (line ").append(current.line()).append(": ")
                    .append(current.firstLine()).append("): ").append(message);
        } else if ("57014".equals(e.getSQLState())) {
            text.append(at).append(": cancelled while running statement ").append(current.index() + 1);
        } else {
            text.append(at).append(": ").append(message);
        }
        text.append('\n').append(quote(current, at.line(), script));
        if (detail != null) {
            text.append("\nDETAIL:  ").append(detail);
        }
        if (hint != null) {
            text.append("\nHINT:  ").append(hint);
        }
        String comma = "42601".equals(e.getSQLState()) ? missingCommaHint(script, at) : null;
        if (comma != null) {
            text.append("\n").append(comma);
        }
        text.append(lost
                ? "\nthe server rolled back the transaction: nothing from " + script.name()
                + " was applied; check the server or network and run it again"
                : "\nrolled back: nothing from " + script.name() + " was applied");
        return new ScriptException(text.toString(), at, current.text(), e.getSQLState(), message, detail, hint, lost, e);
    }

    /**
     * The write-up's classic mistake: a syntax error on the first token of a line whose previous line
     * lacks the comma that separates column definitions.
     */
    static String missingCommaHint(SqlScript script, SqlPosition at) {
        String[] lines = script.source().split("\n", -1);
        String failing = lines[at.line() - 1];
        if (at.line() < 2 || at.column() != failing.length() - failing.stripLeading().length() + 1) {
            return null;
        }
        String previous = lines[at.line() - 2].replaceAll("--.*$", "").stripTrailing();
        if (previous.isEmpty() || previous.endsWith(",") || previous.endsWith("(")) {
            return null;
        }
        return "perhaps a comma is missing at the end of line " + (at.line() - 1) + ": " + previous.strip();
    }

    /** The statement with line numbers and a marker on the failing line, trimmed around it when long. */
    static String quote(SqlStatement statement, int markLine, SqlScript script) {
        String[] lines = statement.text().split("\n", -1);
        int markIndex = Math.max(0, Math.min(lines.length - 1, markLine - statement.line()));
        int from = Math.max(0, Math.min(markIndex - QUOTE_LINES / 2, lines.length - QUOTE_LINES));
        int to = Math.min(lines.length, from + QUOTE_LINES);
        StringBuilder out = new StringBuilder();
        if (from > 0) {
            out.append("      ...\n");
        }
        for (int k = from; k < to; k++) {
            int lineNo = statement.line() + k;
            out.append(k == markIndex ? "  > " : "    ").append(String.format("%4d | ", lineNo))
                    .append(lines[k].stripTrailing());
            if (k < to - 1) {
                out.append('\n');
            }
        }
        if (to < lines.length) {
            out.append("\n      ...");
        }
        return out.toString();
    }
}
