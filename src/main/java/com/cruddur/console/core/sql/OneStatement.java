package com.cruddur.console.core.sql;

import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

import java.sql.SQLException;
import java.util.List;

/**
 * The check that keeps SQL holding user text to one statement, decided by the driver's own code rather than a lexer of
 * ours. pgjdbc turns a PreparedStatement's SQL into messages with {@code Parser.replaceProcessing} (JDBC escapes) and
 * {@code Parser.parseJdbcSql(sql, standardConformingStrings, true, splitStatements = true, false, false)}: each
 * query it returns becomes its own Parse message, and a Parse message holds one statement on the server. So exactly
 * one query, with exactly our number of parameters, means the server gets one statement (a user '?' shows up as an
 * extra parameter).
 *
 * <p>The driver reads backslashes in '…' by the session's standard_conforming_strings, which a server, database or
 * role may set either way. We check under both settings instead of the connection's current one: the result then
 * holds whatever the session says, needs no connection, and cannot be outrun by the driver's per-connection cache of
 * parsed SQL (keyed by the text alone, not the setting). A reading in which the driver refuses the SQL outright (an
 * unterminated literal) sends nothing, so it is safe. JDBC escapes are refused: COPY sends its text without escape
 * processing, so the text the server checks and the text it runs must be the same.
 */
public final class OneStatement {
    private OneStatement() {
    }

    /** Throws a {@link UserSqlRefusedException} unless {@code sql} reaches the server as one statement with {@code binds} parameters. */
    public static void check(String sql, int binds) {
        for (boolean standardStrings : new boolean[] {true, false}) {
            List<NativeQuery> queries;
            try {
                String processed = Parser.replaceProcessing(sql, true, standardStrings);
                if (!processed.equals(sql)) {
                    throw refused("'{' … '}' is JDBC escape syntax, not SQL — write plain PostgreSQL");
                }
                queries = Parser.parseJdbcSql(processed, standardStrings, true, true, false, false);
            } catch (SQLException driverWouldRefuse) {
                continue;
            }
            if (queries.size() != 1) {
                throw refused("the driver would send it as " + queries.size() + " statements (a ';' outside quotes"
                        + (standardStrings ? "" : ", reading \\' as an escaped quote") + ") — write one condition without ';'");
            }
            int[] positions = queries.get(0).bindPositions;
            int found = positions == null ? 0 : positions.length;
            if (found != binds) {
                throw refused("the driver would read a '?' in it as a parameter — for jsonb write jsonb_exists(col, 'key')");
            }
        }
    }

    static UserSqlRefusedException refused(String why) {
        return new UserSqlRefusedException("the WHERE text cannot be used: " + why);
    }
}
