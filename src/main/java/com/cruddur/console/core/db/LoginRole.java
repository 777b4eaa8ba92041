package com.cruddur.console.core.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Who a session logged in as, and whether that login can write at all, as the server says (not as the profile
 * spells its user). The login is the boundary, not the role of the moment: {@code RESET ROLE} goes back to it, and
 * {@code SET ROLE} reaches any role it is a member of, so every such role counts, inherited or not.
 *
 * @param sessionUser the login ({@code session_user})
 * @param currentUser the role the session acts as now ({@code current_user})
 * @param canWrite    null when nothing the login reaches can write, else what can (for the person, e.g.
 *                    "is a superuser", "may INSERT, UPDATE, DELETE or TRUNCATE public.notes", "may EXECUTE
 *                    public.tidy(), a SECURITY DEFINER function that runs as app, who can write")
 */
public record LoginRole(String sessionUser, String currentUser, String canWrite) {

    /** Attributes that act beyond reading data, held by the login or any role it may become. */
    private static final String POWERFUL_ROLE = "SELECT r.rolname, CASE WHEN r.rolsuper THEN 'is a superuser'"
            + " WHEN r.rolcreaterole THEN 'may create roles' WHEN r.rolcreatedb THEN 'may create databases'"
            + " WHEN r.rolreplication THEN 'may replicate' WHEN r.rolbypassrls THEN 'bypasses row security'"
            + " ELSE 'acts on the server as ' || r.rolname END"
            + " FROM pg_catalog.pg_roles r WHERE pg_catalog.pg_has_role(session_user, r.oid, 'MEMBER')"
            + " AND (r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls"
            + " OR r.rolname = ANY (?)) ORDER BY r.rolsuper DESC, r.rolname LIMIT 1";

    /** A table, schema or the database itself that the login, or a role it may become, may change. */
    private static final String WRITABLE = "WITH mine AS (SELECT r.oid, r.rolname FROM pg_catalog.pg_roles r"
            + " WHERE pg_catalog.pg_has_role(session_user, r.oid, 'MEMBER'))"
            + " (SELECT m.rolname, 'may INSERT, UPDATE, DELETE or TRUNCATE ' || pg_catalog.quote_ident(n.nspname)"
            + " || '.' || pg_catalog.quote_ident(c.relname) FROM mine m, pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p', 'v', 'f') AND n.nspname <> 'information_schema'"
            + " AND n.nspname NOT LIKE 'pg\\_%'"
            + " AND pg_catalog.has_table_privilege(m.oid, c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE') LIMIT 1)"
            + " UNION ALL (SELECT m.rolname, 'may create objects in schema ' || pg_catalog.quote_ident(n.nspname)"
            + " FROM mine m, pg_catalog.pg_namespace n WHERE n.nspname <> 'information_schema'"
            + " AND n.nspname NOT LIKE 'pg\\_%' AND pg_catalog.has_schema_privilege(m.oid, n.oid, 'CREATE') LIMIT 1)"
            + " UNION ALL (SELECT m.rolname, 'may create schemas in database ' || pg_catalog.current_database()"
            + " FROM mine m WHERE pg_catalog.has_database_privilege(m.oid, pg_catalog.current_database(), 'CREATE')"
            + " LIMIT 1) LIMIT 1";

    /**
     * A SECURITY DEFINER function that the login, or a role it may become, may EXECUTE and whose owner can write: a
     * call runs as the owner, so outside the console's read-only transaction (psql, a script) the login writes through
     * it. Every schema counts, pg_catalog and extensions' too: the server, not the schema's name, says who may call.
     */
    private static final String DEFINER = "WITH mine AS (SELECT r.oid, r.rolname FROM pg_catalog.pg_roles r"
            + " WHERE pg_catalog.pg_has_role(session_user, r.oid, 'MEMBER'))"
            + " SELECT m.rolname, 'may EXECUTE ' || pg_catalog.quote_ident(n.nspname) || '.'"
            + " || pg_catalog.quote_ident(p.proname) || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid)"
            + " || '), a SECURITY DEFINER function that runs as ' || pg_catalog.quote_ident(o.rolname)"
            + " || ', who can write'"
            + " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
            + " JOIN pg_catalog.pg_roles o ON o.oid = p.proowner, mine m"
            + " WHERE p.prosecdef AND pg_catalog.has_function_privilege(m.oid, p.oid, 'EXECUTE')"
            + " AND (o.rolsuper OR o.rolcreaterole OR o.rolcreatedb OR o.rolbypassrls"
            + " OR pg_catalog.has_database_privilege(o.oid, pg_catalog.current_database(), 'CREATE')"
            + " OR EXISTS (SELECT 1 FROM pg_catalog.pg_namespace sn WHERE sn.nspname <> 'information_schema'"
            + " AND sn.nspname NOT LIKE 'pg\\_%' AND pg_catalog.has_schema_privilege(o.oid, sn.oid, 'CREATE'))"
            + " OR EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace cn"
            + " ON cn.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'f')"
            + " AND cn.nspname <> 'information_schema' AND cn.nspname NOT LIKE 'pg\\_%'"
            + " AND pg_catalog.has_table_privilege(o.oid, c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')))"
            + " ORDER BY n.nspname, p.proname LIMIT 1";

    /** True when nothing the login may become can change data or schema: the server, not the console, keeps it. */
    public boolean cannotWrite() {
        return canWrite == null;
    }

    /**
     * Asks the server of {@code db} whether it is protected and, when it is, who the profile logs in as there (over a
     * pooled session, closed at once); empty when the target is not protected.
     */
    public static Optional<LoginRole> ifProtected(DbTarget db) throws SQLException {
        if (!db.isProtected()) {
            return Optional.empty();
        }
        try (Connection c = db.connect()) {
            return Optional.of(of(c));
        }
    }

    /** Asks the server who {@code c} logged in as and what it may change (a few catalog reads, no writes). */
    public static LoginRole of(Connection c) throws SQLException {
        String sessionUser;
        String currentUser;
        try (PreparedStatement ps = c.prepareStatement("SELECT session_user, current_user");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            sessionUser = rs.getString(1);
            currentUser = rs.getString(2);
        }
        String why = first(c, POWERFUL_ROLE, sessionUser, true);
        if (why == null) {
            why = first(c, WRITABLE, sessionUser, false);
        }
        if (why == null) {
            why = first(c, DEFINER, sessionUser, false);
        }
        return new LoginRole(sessionUser, currentUser, why);
    }

    private static String first(Connection c, String sql, String login, boolean powers) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (powers) {
                ps.setArray(1, c.createArrayOf("text", ReadOnlyRoleService.SERVER_POWERS.toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String role = rs.getString(1);
                return rs.getString(2) + (role.equals(login) ? "" : " (through role " + role + ")");
            }
        }
    }

    /** One line for the person: who the session runs as, and whether the server lets it write. */
    public String describe() {
        return cannotWrite() ? "runs as " + sessionUser + ", which the server lets read and not write"
                : "runs as " + sessionUser + ", which " + canWrite;
    }
}
