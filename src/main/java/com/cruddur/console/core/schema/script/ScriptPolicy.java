package com.cruddur.console.core.schema.script;

import com.cruddur.console.core.sql.ScriptQuote;
import com.cruddur.console.core.sql.SqlPosition;
import com.cruddur.console.core.sql.SqlScript;
import com.cruddur.console.core.sql.SqlStatement;
import com.cruddur.console.core.sql.SqlTokens;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a script may contain, decided before any of it runs. The whole file runs in one transaction of ours, so:
 * <ul>
 *   <li>a BEGIN / START TRANSACTION as the first statement and a COMMIT / END as the last (the wrapper shape of
 *       dumps) are skipped with a log line;</li>
 *   <li>SAVEPOINT, RELEASE and ROLLBACK TO run as they are (they stay inside our transaction);</li>
 *   <li>everything else that would end, split or change our transaction (ROLLBACK, ABORT, COMMIT or BEGIN in the
 *       middle, … AND CHAIN, PREPARE TRANSACTION, COMMIT/ROLLBACK PREPARED, SET TRANSACTION, SET SESSION
 *       CHARACTERISTICS, the transaction_* settings), statements that cannot run in a transaction (CREATE/DROP
 *       DATABASE, VACUUM, … CONCURRENTLY, ALTER SYSTEM, DISCARD ALL), settings the splitter and the driver rely on
 *       (standard_conforming_strings off, a client_encoding other than UTF8) and COPY variants we cannot feed
 *       (TO STDOUT, binary FROM stdin) are refused with their file:line:column, and nothing runs.</li>
 * </ul>
 * Keywords are read with {@link SqlTokens}, past comments and whitespace, never with a pattern on raw text.
 * <p>
 * A migration section marked {@code transaction:false} runs statement by statement, each committing on its own
 * ({@link ScriptRunner.Mode#EACH_STATEMENT}): there the statements that cannot run in a transaction are allowed, and
 * every statement that would open, end or split a transaction is refused instead, since nothing would close it.
 */
final class ScriptPolicy {
    private static final int LEADING = 12;
    private static final Set<String> TRANSACTION_SETTINGS =
            Set.of("TRANSACTION_ISOLATION", "TRANSACTION_READ_ONLY", "TRANSACTION_DEFERRABLE");

    /** Which statements to skip, with the log line for each. */
    record Plan(Map<Integer, String> skipped) {
        static final Plan NOTHING_SKIPPED = new Plan(Map.of());
    }

    private ScriptPolicy() {
    }

    /** The plan for {@code script} run in one transaction, or a {@link ScriptException} naming what is refused. */
    static Plan check(SqlScript script) {
        return check(script, ScriptRunner.Mode.ONE_TRANSACTION);
    }

    /** The plan for {@code script} run in {@code mode}, or a {@link ScriptException} naming every refused statement. */
    static Plan check(SqlScript script, ScriptRunner.Mode mode) {
        boolean each = mode == ScriptRunner.Mode.EACH_STATEMENT;
        List<SqlStatement> all = script.statements();
        Map<Integer, String> skipped = new HashMap<>();
        List<SqlStatement> refused = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (SqlStatement statement : all) {
            List<String> tokens = SqlTokens.read(statement.text(), LEADING);
            boolean first = statement.index() == 0;
            boolean last = statement.index() == all.size() - 1;
            String wrapper = each ? null : wrapper(tokens, first, last);
            String reason = wrapper != null ? null : each ? eachStatementRefusal(statement, tokens)
                    : refusal(statement, tokens, first, last);
            if (wrapper != null) {
                skipped.put(statement.index(), script.name() + ":" + statement.line() + ": skipped " + statement.firstLine()
                        + " (the whole file already runs in one transaction)");
            } else if (reason != null) {
                refused.add(statement);
                reasons.add(reason);
            }
        }
        if (!refused.isEmpty()) {
            throw refusedException(script, refused, reasons);
        }
        return new Plan(Map.copyOf(skipped));
    }

    /** The keyword of a skippable wrapper statement, or null. */
    private static String wrapper(List<String> t, boolean first, boolean last) {
        String w0 = word(t, 0);
        if (first && isBegin(t) && transactionModes(t).isEmpty()) {
            return w0;
        }
        if (last && (w0.equals("COMMIT") || w0.equals("END"))) {
            List<String> rest = t.subList(skipOptional(t, 1, "WORK", "TRANSACTION"), t.size());
            if (rest.isEmpty() || rest.equals(List.of("AND", "NO", "CHAIN"))) {
                return w0;
            }
        }
        return null;
    }

    private static String refusal(SqlStatement statement, List<String> t, boolean first, boolean last) {
        String w0 = word(t, 0);
        String w1 = word(t, 1);
        switch (w0) {
            case "BEGIN", "START" -> {
                if (!isBegin(t)) {
                    return null;
                }
                String begin = w0.equals("START") ? "START TRANSACTION" : "BEGIN";
                List<String> modes = transactionModes(t);
                if (!modes.isEmpty()) {
                    return begin + " with transaction modes (" + String.join(" ", modes) + ") cannot be honoured: the whole"
                            + " file runs in one read-write transaction with the server's default isolation; remove the modes";
                }
                return begin + " in the middle of the file: the whole file already runs in one transaction (only a BEGIN"
                        + " as its first statement is skipped); remove it";
            }
            case "COMMIT", "END" -> {
                if (w0.equals("COMMIT") && w1.equals("PREPARED")) {
                    return "COMMIT PREPARED finishes a two-phase transaction and cannot run inside the file's"
                            + " transaction: run it on its own, e.g. in psql";
                }
                List<String> after = t.subList(skipOptional(t, 1, "WORK", "TRANSACTION"), t.size());
                if (after.equals(List.of("AND", "CHAIN"))) {
                    return w0 + " AND CHAIN would commit part of the file and go on in a new transaction: remove it"
                            + " (the whole file commits at its end, or none of it does)";
                }
                if (!after.isEmpty() && !after.equals(List.of("AND", "NO", "CHAIN"))) {
                    return null; // not transaction control; the server judges it
                }
                return w0 + " in the middle of the file would commit part of it: remove it (the whole file commits"
                        + " at its end, or none of it does)";
            }
            case "ROLLBACK", "ABORT" -> {
                int k = skipOptional(t, 1, "WORK", "TRANSACTION");
                if (w0.equals("ROLLBACK") && word(t, k).equals("TO")) {
                    return null; // ROLLBACK TO SAVEPOINT stays inside our transaction
                }
                if (w0.equals("ROLLBACK") && w1.equals("PREPARED")) {
                    return "ROLLBACK PREPARED finishes a two-phase transaction and cannot run inside the file's"
                            + " transaction: run it on its own, e.g. in psql";
                }
                return w0 + " would discard the file's earlier statements and let the rest of it commit: remove it"
                        + " (to undo part of a file, use SAVEPOINT name … ROLLBACK TO name)";
            }
            case "PREPARE" -> {
                boolean named = word(t, 2).equals("AS") || word(t, 2).equals("(");
                return w1.equals("TRANSACTION") && !named
                        ? "PREPARE TRANSACTION would end the file's transaction (two-phase commit): remove it" : null;
            }
            case "SET" -> {
                return setRefusal(t);
            }
            case "CREATE", "DROP" -> {
                if (w1.equals("DATABASE")) {
                    return w0 + " DATABASE cannot run inside a script (scripts run in one transaction): "
                            + "use db create / db drop, or remove the statement";
                }
                boolean concurrently = word(t, skipOptional(t, 1, "UNIQUE")).equals("INDEX")
                        && word(t, skipOptional(t, 1, "UNIQUE") + 1).equals("CONCURRENTLY");
                return w1.equals("TABLESPACE") || concurrently ? notInTransaction(w0 + " " + w1
                        + (concurrently ? " … CONCURRENTLY" : "")) : null;
            }
            case "VACUUM" -> {
                return notInTransaction("VACUUM");
            }
            case "ALTER" -> {
                return w1.equals("SYSTEM") ? notInTransaction("ALTER SYSTEM") : null;
            }
            case "DISCARD" -> {
                return w1.equals("ALL") ? notInTransaction("DISCARD ALL") : null;
            }
            case "REINDEX" -> {
                return t.contains("CONCURRENTLY") ? notInTransaction("REINDEX … CONCURRENTLY")
                        : t.contains("SYSTEM") || t.contains("DATABASE") ? notInTransaction("REINDEX " + w1) : null;
            }
            case "COPY" -> {
                return copyRefusal(statement);
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * Statement by statement (autocommit): transaction control would leave a transaction open across statements (or
     * end one that is not there), so it is refused; what cannot run inside a transaction is what this mode is for.
     */
    private static String eachStatementRefusal(SqlStatement statement, List<String> t) {
        String w0 = word(t, 0);
        String w1 = word(t, 1);
        boolean control = isBegin(t)
                || ((w0.equals("COMMIT") || w0.equals("END") || w0.equals("ROLLBACK") || w0.equals("ABORT"))
                && !w1.equals("PREPARED"))
                || w0.equals("SAVEPOINT") || w0.equals("RELEASE")
                || (w0.equals("PREPARE") && w1.equals("TRANSACTION") && !word(t, 2).equals("AS") && !word(t, 2).equals("("));
        if (control) {
            return w0 + " is transaction control, and transaction:false runs every statement on its own (each commits"
                    + " as it ends): remove it, or remove transaction:false to run the whole section in one transaction";
        }
        switch (w0) {
            case "SET" -> {
                return w1.equals("TRANSACTION") ? null : setRefusal(t);
            }
            case "DISCARD" -> {
                return w1.equals("ALL")
                        ? "DISCARD ALL would reset this console's session (its settings and locks): remove it" : null;
            }
            case "COPY" -> {
                return copyRefusal(statement);
            }
            default -> {
                return null;
            }
        }
    }

    private static String setRefusal(List<String> t) {
        int k = skipOptional(t, 1, "SESSION", "LOCAL");
        String name = word(t, k);
        if (name.equals("CHARACTERISTICS")) {
            return "SET SESSION CHARACTERISTICS changes the transactions that come after the file's, on this"
                    + " console's connection: remove it";
        }
        if (name.equals("TRANSACTION")) {
            return "SET TRANSACTION changes the transaction the whole file runs in: remove it";
        }
        if (TRANSACTION_SETTINGS.contains(name)) {
            return "SET " + name.toLowerCase(Locale.ROOT) + " changes the transaction the whole file runs in: remove it";
        }
        String value = normalized(word(t, k + 1).equals("=") || word(t, k + 1).equals("TO")
                ? word(t, k + 2) : word(t, k + 1));
        if (name.equals("STANDARD_CONFORMING_STRINGS") && !value.isEmpty() && !isOn(value)) {
            return "SET standard_conforming_strings = " + value.toLowerCase(Locale.ROOT) + " is not supported: the file"
                    + " is split, and the driver reads quotes, with standard strings (a backslash in '…' is a plain"
                    + " character); use E'…' strings where you need backslash escapes and remove this line";
        }
        if ((name.equals("CLIENT_ENCODING") || name.equals("NAMES")) && !value.isEmpty()
                && !Set.of("UTF8", "UNICODE", "DEFAULT").contains(value)) {
            return "SET " + name.toLowerCase(Locale.ROOT) + " " + value + ": the console reads files as UTF-8 and its"
                    + " driver needs UTF8; convert the file (e.g. iconv -f " + value.toLowerCase(Locale.ROOT)
                    + " -t utf-8) and remove this line";
        }
        return null;
    }

    private static String copyRefusal(SqlStatement statement) {
        List<String> t = SqlTokens.read(statement.text(), Integer.MAX_VALUE);
        int depth = 0;
        for (int k = 0; k < t.size(); k++) {
            String token = t.get(k);
            depth += token.equals("(") ? 1 : token.equals(")") ? -1 : 0;
            if (depth == 0 && token.equals("TO") && word(t, k + 1).equals("STDOUT")) {
                return "COPY … TO STDOUT prints rows, and a script run has nowhere to send them: remove it";
            }
        }
        boolean binary = t.contains("BINARY") || t.stream().anyMatch(x -> x.equalsIgnoreCase("'binary'"));
        if (statement.copyData() != null && binary) {
            return "COPY … FROM stdin in binary format cannot come from a text file: dump the table in text or csv format";
        }
        return null;
    }

    private static String notInTransaction(String what) {
        return what + " cannot run inside a transaction, and the whole file runs in one: remove it, or run it on its own"
                + " (e.g. in psql)";
    }

    private static boolean isBegin(List<String> t) {
        String w0 = word(t, 0);
        return (w0.equals("BEGIN") && !word(t, 1).equals("ATOMIC"))
                || (w0.equals("START") && word(t, 1).equals("TRANSACTION"));
    }

    /** What follows BEGIN [WORK | TRANSACTION] or START TRANSACTION: isolation level, READ ONLY, … */
    private static List<String> transactionModes(List<String> t) {
        int k = word(t, 0).equals("START") ? 2 : skipOptional(t, 1, "WORK", "TRANSACTION");
        return t.subList(Math.min(k, t.size()), t.size());
    }

    private static int skipOptional(List<String> t, int k, String... optional) {
        return List.of(optional).contains(word(t, k)) ? k + 1 : k;
    }

    private static String word(List<String> t, int k) {
        return k < t.size() ? t.get(k) : "";
    }

    private static String normalized(String token) {
        return SqlTokens.value(token).toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** PostgreSQL's boolean spellings for true, including its accepted prefixes. */
    private static boolean isOn(String v) {
        return v.equals("ON") || v.equals("1") || v.equals("DEFAULT") || "TRUE".startsWith(v) || "YES".startsWith(v);
    }

    private static ScriptException refusedException(SqlScript script, List<SqlStatement> refused, List<String> reasons) {
        SqlStatement first = refused.get(0);
        SqlPosition at = script.positionAt(first.startOffset());
        StringBuilder text = new StringBuilder(at + ": " + reasons.get(0) + "\n" + ScriptQuote.quote(first, at, script));
        if (refused.size() > 1) {
            List<String> others = new ArrayList<>();
            for (SqlStatement s : refused.subList(1, Math.min(refused.size(), 6))) {
                others.add(script.positionAt(s.startOffset()) + " (" + s.firstLine() + ")");
            }
            text.append("\nalso refused: ").append(String.join(", ", others))
                    .append(refused.size() > 6 ? " and " + (refused.size() - 6) + " more" : "");
        }
        text.append("\nnothing was run");
        return new ScriptException(text.toString(), at, first.text(), null, reasons.get(0), null, null, false, null);
    }
}
