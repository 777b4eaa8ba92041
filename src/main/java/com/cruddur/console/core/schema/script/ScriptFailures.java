package com.cruddur.console.core.schema.script;

import com.cruddur.console.core.db.SqlFailures;
import com.cruddur.console.core.schema.SchemaErrors;
import com.cruddur.console.core.sql.ScriptQuote;
import com.cruddur.console.core.sql.SqlPosition;
import com.cruddur.console.core.sql.SqlScript;
import com.cruddur.console.core.sql.SqlStatement;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.util.OptionalInt;

/** The {@link ScriptException}s a script run ends with: where, what the server said, and what is left behind. */
final class ScriptFailures {
    private ScriptFailures() {
    }

    /**
     * A statement failed (or the connection died); {@code ended} when it had ended our transaction before failing,
     * {@code executed} how many statements had run before it.
     */
    static ScriptException failure(SQLException e, SqlScript script, SqlStatement current, boolean ended, int executed,
                                   ScriptRunner.Mode mode) {
        if (current == null) {
            SqlPosition at = new SqlPosition(script.name(), 1, 1);
            String message = ScriptQuote.cap(e.getMessage(), ScriptQuote.MAX_SERVER_TEXT);
            return new ScriptException(script.name() + ": could not start the transaction: " + message,
                    at, "", e.getSQLState(), message, null, null, SchemaErrors.isConnectionLost(e), e);
        }
        ServerErrorMessage sem = e instanceof PSQLException pe ? pe.getServerErrorMessage() : null;
        String message = ScriptQuote.cap(sem != null && sem.getMessage() != null ? sem.getMessage() : e.getMessage(),
                ScriptQuote.MAX_SERVER_TEXT);
        String detail = ScriptQuote.cap(sem != null ? sem.getDetail() : null, ScriptQuote.MAX_SERVER_TEXT);
        String hint = ScriptQuote.cap(sem != null ? sem.getHint() : null, ScriptQuote.MAX_SERVER_TEXT);
        OptionalInt copyLine = current.copyData() != null && sem != null && sem.getPosition() <= 0
                ? CopyLines.serverLine(sem.getWhere()) : OptionalInt.empty();
        SqlPosition at;
        String excerpt;
        if (copyLine.isPresent()) {
            SqlStatement.CopyData data = current.copyData();
            int lastLine = script.positionAt(Math.max(data.start(), data.end() - 1)).line();
            int line = Math.min(CopyLines.fileLine(current, copyLine.getAsInt()), lastLine);
            at = new SqlPosition(script.name(), line, 1);
            excerpt = ScriptQuote.line(script, line);
        } else {
            at = sem != null && sem.getPosition() > 0
                    ? script.positionOf(current, sem.getPosition())
                    : script.positionAt(current.startOffset());
            excerpt = ScriptQuote.quote(current, at, script);
        }
        boolean lost = SchemaErrors.isConnectionLost(e);
        StringBuilder text = new StringBuilder();
        if (lost) {
            text.append(at).append(": connection to the server was lost while running statement ")
                    .append(current.index() + 1).append(" (line ").append(current.line()).append(": ")
                    .append(current.firstLine()).append("): ").append(message);
        } else if (SqlFailures.isQueryCanceled(e)) {
            text.append(at).append(": cancelled while running statement ").append(current.index() + 1);
        } else {
            // the SQLSTATE says which error it is in any locale of the server (its text may be translated)
            text.append(at).append(": ").append(message)
                    .append(e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
        }
        text.append('\n').append(excerpt);
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
        if (ended && !lost) {
            text.append("\nbefore it failed, statement ").append(current.index() + 1).append(" had ended the transaction")
                    .append(" the file runs in, so the statements before it were committed or rolled back (the console")
                    .append(" cannot tell which): check the database before running ").append(script.name()).append(" again");
        } else if (mode == ScriptRunner.Mode.EACH_STATEMENT) {
            text.append('\n').append(kept(script, executed)).append(lost ? "; check the server or network" : "");
        } else {
            text.append(lost
                    ? "\nthe server rolled back the transaction: nothing from " + script.name()
                    + " was applied; check the server or network and run it again"
                    : "\nrolled back: nothing from " + script.name() + " was applied");
        }
        return new ScriptException(text.toString(), at, current.text(), e.getSQLState(), message, detail, hint, lost, e);
    }

    /** The second wall: a statement left no open transaction behind, whatever the up-front check thought of it. */
    static ScriptException transactionEnded(SqlScript script, SqlStatement statement, ScriptRunner.Mode mode) {
        SqlPosition at = script.positionAt(statement.startOffset());
        if (mode == ScriptRunner.Mode.EACH_STATEMENT) {
            String reason = "statement " + (statement.index() + 1) + " (" + statement.firstLine() + ") left a transaction"
                    + " open, and here every statement must commit on its own; stopped there: it was rolled back and"
                    + " nothing after it was run";
            return new ScriptException(at + ": " + reason + "\n" + ScriptQuote.quote(statement, at, script) + "\n"
                    + kept(script, statement.index()), at, statement.text(), null, reason, null, null, false, null);
        }
        String reason = "statement " + (statement.index() + 1) + " (" + statement.firstLine() + ") ended the transaction"
                + " the file runs in, so the server committed or rolled back the statements before it (the console"
                + " cannot tell which); stopped there: nothing after it was run";
        return new ScriptException(at + ": " + reason + "\n" + ScriptQuote.quote(statement, at, script)
                + "\ncheck the database before running " + script.name() + " again",
                at, statement.text(), null, reason, null, null, false, null);
    }

    /** The driver would split the statement where our splitter did not: nothing of it is sent. */
    static ScriptException driverWouldSplit(SqlScript script, SqlStatement statement, int parts, int executed,
                                            ScriptRunner.Mode mode) {
        SqlPosition at = script.positionAt(statement.startOffset());
        String reason = "the database driver would send this as " + parts + " statements, not one (it reads quotes"
                + " differently when standard_conforming_strings is off — was it changed with set_config?)";
        return new ScriptException(at + ": " + reason + "\n" + ScriptQuote.quote(statement, at, script)
                + "\n" + outcome(script, executed, mode), at, statement.text(), null, reason, null, null, false, null);
    }

    /** Cancel arrived between two statements. */
    static ScriptException cancelledBefore(SqlScript script, SqlStatement statement, int executed,
                                           ScriptRunner.Mode mode) {
        SqlPosition at = script.positionAt(statement.startOffset());
        return new ScriptException(at + ": cancelled before statement " + (statement.index() + 1) + "\n"
                + ScriptQuote.quote(statement, at, script) + "\n" + outcome(script, executed, mode),
                at, statement.text(), SqlFailures.QUERY_CANCELED, "cancelled", null, null, false, null);
    }

    /** The work after the last statement (recording a migration, say) failed; the transaction rolled back. */
    static ScriptException beforeCommitFailed(SQLException e, SqlScript script, int executed, ScriptRunner.Mode mode) {
        SqlPosition at = script.positionAt(script.source().length());
        String message = ScriptQuote.cap(e.getMessage(), ScriptQuote.MAX_SERVER_TEXT);
        String after = mode == ScriptRunner.Mode.EACH_STATEMENT
                ? kept(script, executed) : "rolled back: nothing from " + script.name() + " was applied";
        return new ScriptException(script.name() + ": after its last statement, " + message + "\n" + after,
                at, "", e.getSQLState(), message, null, null, SchemaErrors.isConnectionLost(e), e);
    }

    private static String outcome(SqlScript script, int executed, ScriptRunner.Mode mode) {
        return mode == ScriptRunner.Mode.EACH_STATEMENT ? kept(script, executed)
                : "rolled back: nothing from " + script.name() + " was applied";
    }

    /** What a statement-by-statement run leaves when it stops: the statements that had committed stay. */
    private static String kept(SqlScript script, int executed) {
        return executed == 0 ? "nothing from " + script.name() + " was applied (its statements run one by one, and none"
                + " had run)"
                : "the " + executed + " statement" + (executed == 1 ? "" : "s") + " of " + script.name() + " before it"
                + " had committed (each commits on its own here) and stay";
    }

    /**
     * The write-up's classic mistake: a syntax error on the first token of a line whose previous line
     * lacks the comma that separates column definitions.
     */
    static String missingCommaHint(SqlScript script, SqlPosition at) {
        if (at.line() < 2) {
            return null;
        }
        String failing = script.lineText(at.line());
        if (at.column() != failing.length() - failing.stripLeading().length() + 1) {
            return null;
        }
        String previous = script.lineText(at.line() - 1).replaceAll("--.*$", "").stripTrailing();
        if (previous.isEmpty() || previous.endsWith(",") || previous.endsWith("(")) {
            return null;
        }
        return "perhaps a comma is missing at the end of line " + (at.line() - 1) + ": "
                + ScriptQuote.cut(previous.strip(), 0);
    }
}
