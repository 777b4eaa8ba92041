package com.cruddur.console.core.schema.admin;

import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.db.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What DROP DATABASE, CREATE DATABASE and ending sessions need, read from the catalogs before any of them changes
 * anything: ownership of the database (or superuser) to drop it, CREATEDB (or superuser) to create it again, and
 * the right to end every other session on it. A missing right becomes a {@link PreflightException} that says what
 * to do, so a Reset never drops a database it cannot create again.
 */
public final class AdminPreflight {
    private static final String ROLE = "SELECT r.rolsuper, r.rolcreatedb, d.oid IS NOT NULL,"
            + " pg_catalog.pg_get_userbyid(d.datdba), d.oid IS NOT NULL AND pg_catalog.pg_has_role(d.datdba, 'USAGE')"
            + " FROM pg_catalog.pg_roles r LEFT JOIN pg_catalog.pg_database d ON d.datname = ?"
            + " WHERE r.rolname = current_user";
    // pg_terminate_backend's own rule: never a superuser's session; otherwise the caller needs the privileges of
    // the session's role, or of pg_signal_backend. Sessions are the rows with a role (autovacuum workers have
    // none); backend_type is hidden (null) in other users' rows, so a null counts as a client session.
    private static final String UNENDABLE = "SELECT a.pid, coalesce(a.usename, '?'), coalesce(r.rolsuper, true)"
            + " FROM pg_catalog.pg_stat_activity a LEFT JOIN pg_catalog.pg_roles r ON r.oid = a.usesysid"
            + " WHERE a.datname = ? AND a.pid <> pg_catalog.pg_backend_pid() AND " + DatabaseAdmin.CLIENT_SESSION
            + " AND (? = 0 OR a.pid = ?)"
            + " AND NOT (r.oid IS NOT NULL AND NOT r.rolsuper AND (pg_catalog.pg_has_role(r.oid, 'USAGE')"
            + " OR EXISTS (SELECT 1 FROM pg_catalog.pg_roles s WHERE s.rolname = 'pg_signal_backend'"
            + " AND pg_catalog.pg_has_role(s.oid, 'USAGE'))))"
            + " ORDER BY 2, 1";

    private final DbTarget target;

    public AdminPreflight(DbTarget target) {
        this.target = target;
    }

    /** Drop: the database's owner or a superuser, able to end every other session on it. */
    public void canDrop(Connection c, String operation) throws SQLException {
        Role role = role(c);
        if (role.superuser) {
            return;
        }
        if (role.databaseExists && !role.owns) {
            throw refused(operation, "user " + target.user() + " does not own database " + target.database()
                    + " (its owner is " + role.owner + ") and is not a superuser",
                    "use the owner's profile or a superuser profile");
        }
        requireEndable(c, operation, OptionalInt.empty());
    }

    /**
     * Reset (build a new copy, swap it in, drop the old one): everything drop needs (ownership, ending the other
     * sessions), and CREATEDB to create the copy and rename the databases.
     */
    public void canRecreate(Connection c, String operation) throws SQLException {
        Role role = role(c);
        if (!role.superuser && !role.createdb) {
            throw refused(operation, "user " + target.user() + " lacks CREATEDB, which a Reset needs to build the new copy of"
                    + " database " + target.database() + " and rename it in", "ask an admin to run ALTER ROLE "
                    + Sql.quoteIdent(target.user()) + " CREATEDB, or use a superuser profile");
        }
        canDrop(c, operation);
    }

    /** Ending one session ({@code pid}) or all others: refused when any of them is not ours to end. */
    public void canEnd(Connection c, String operation, OptionalInt pid) throws SQLException {
        if (!role(c).superuser) {
            requireEndable(c, operation, pid);
        }
    }

    private void requireEndable(Connection c, String operation, OptionalInt pid) throws SQLException {
        Map<String, Integer> byUser = new LinkedHashMap<>();
        boolean superuserSession = false;
        int total = 0;
        try (PreparedStatement ps = c.prepareStatement(UNENDABLE)) {
            ps.setString(1, target.database());
            ps.setInt(2, pid.orElse(0));
            ps.setInt(3, pid.orElse(0));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byUser.merge(rs.getString(2), 1, Integer::sum);
                    superuserSession |= rs.getBoolean(3);
                    total++;
                }
            }
        }
        if (total == 0) {
            return;
        }
        String advice = superuserSession ? "use a superuser profile, or ask them to disconnect"
                : "ask an admin to GRANT pg_signal_backend TO " + Sql.quoteIdent(target.user())
                + ", use a superuser profile, or ask them to disconnect";
        if (pid.isPresent()) {
            throw refused(operation, "user " + target.user() + " may not end session " + pid.getAsInt()
                    + " (it belongs to " + byUser.keySet().iterator().next() + ")", advice);
        }
        List<String> users = new ArrayList<>();
        byUser.forEach((user, n) -> users.add(n == 1 ? user : user + " ×" + n));
        throw refused(operation, "database " + target.database() + " has " + total + " session" + (total == 1 ? "" : "s")
                + " that user " + target.user() + " may not end (" + String.join(", ", users) + ")", advice);
    }

    private Role role(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ROLE)) {
            ps.setString(1, target.database());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    // current_user always has a pg_roles row; be safe and let the server decide
                    return new Role(true, true, true, null, true);
                }
                return new Role(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getString(4), rs.getBoolean(5));
            }
        }
    }

    private static PreflightException refused(String operation, String why, String advice) {
        return new PreflightException(operation + " refused: " + why + "; nothing was changed: " + advice);
    }

    private record Role(boolean superuser, boolean createdb, boolean databaseExists, String owner, boolean owns) {
    }
}
