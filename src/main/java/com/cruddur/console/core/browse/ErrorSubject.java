package com.cruddur.console.core.browse;

import com.cruddur.console.core.db.DbErrors;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which object a "does not exist" (42P01) or "permission denied" (42501) is about, asked of the server once the failed
 * transaction has ended: the browsed table itself, or something the user's WHERE text names. The message text is the
 * server's (translated per locale), so it is only quoted, never parsed for the kind; only identifiers, which are not
 * translated, are looked up in it.
 */
final class ErrorSubject {
    private ErrorSubject() {
    }

    /** A message about what the server refused, or null when it is the browsed table (or the server cannot say). */
    static BrowseException explain(Connection conn, TableRef table, SQLException e, String what) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String server = DbErrors.firstLine(e.getMessage());
        try {
            if ("42P01".equals(state) && tableExists(conn, table)) {
                return new BrowseException(what + " on " + table + " failed: " + server + " — the WHERE text names a table"
                        + " or sequence that does not exist (the table " + table + " itself is there): check the names"
                        + " in the WHERE text", e);
            }
            if ("42501".equals(state) && mayRead(conn, table)) {
                List<String> functions = refusedFunctions(conn, server);
                if (!functions.isEmpty()) {
                    String f = String.join(", ", functions);
                    return new BrowseException(what + " on " + table + " was refused: " + server + " — this user may not"
                            + " EXECUTE " + f + ": leave it out of the WHERE text, or ask an admin to GRANT EXECUTE ON"
                            + " FUNCTION " + functions.get(0) + " to this user", e);
                }
                return new BrowseException(what + " on " + table + " was refused: " + server + " — the user may read "
                        + table + ", but not something the WHERE text uses: leave it out, or ask an admin for the"
                        + " privilege the server names", e);
            }
        } catch (SQLException unknown) {
            return null; // the connection is gone or unusable: the caller's generic message stands
        }
        return null;
    }

    private static boolean tableExists(Connection conn, TableRef table) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT pg_catalog.to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table.sql());
            return single(ps);
        }
    }

    private static boolean mayRead(Connection conn, TableRef table) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT c IS NOT NULL AND pg_catalog.has_table_privilege(c, 'SELECT')"
                + " FROM pg_catalog.to_regclass(?) AS c")) {
            ps.setString(1, table.sql());
            return single(ps);
        }
    }

    /**
     * Functions this user may not execute whose name appears in the server's message as a whole word (the name, as
     * an identifier, is the same in every locale); named with their argument types, as {@code regprocedure} writes.
     */
    private static List<String> refusedFunctions(Connection conn, String message) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT p.proname, p.oid::pg_catalog.regprocedure::text"
                + " FROM pg_catalog.pg_proc p WHERE pg_catalog.strpos(?, p.proname) > 0"
                + " AND NOT pg_catalog.has_function_privilege(p.oid, 'EXECUTE') ORDER BY 2 LIMIT 20")) {
            ps.setString(1, message);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (isWord(message, rs.getString(1))) {
                        out.add(rs.getString(2));
                    }
                }
            }
        } finally {
            endTransaction(conn);
        }
        return out;
    }

    private static boolean isWord(String message, String name) {
        for (int at = message.indexOf(name); at >= 0; at = message.indexOf(name, at + 1)) {
            int end = at + name.length();
            boolean before = at == 0 || !isIdentChar(message.charAt(at - 1));
            boolean after = end == message.length() || !isIdentChar(message.charAt(end));
            if (before && after) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        } finally {
            endTransaction(ps.getConnection());
        }
    }

    /** A pooled connection may be outside autocommit; nothing here is kept, so the catalog reads end at once. */
    private static void endTransaction(Connection conn) throws SQLException {
        if (!conn.getAutoCommit()) {
            conn.rollback();
        }
    }
}
