package com.cruddur.console.core.db;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.PgPass;
import com.cruddur.console.core.profile.ProfileStore;
import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.safety.PasswordGenerator;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The real boundary behind a read-only profile. {@code default_transaction_read_only} is only a guard: any session
 * may say {@code BEGIN READ WRITE}. A login role that holds no write privilege cannot write, whatever its sessions
 * do. This creates such a role with the profile's (admin) credentials, stores its generated password in
 * {@code ~/.pgpass}, and returns the profile switched to it.
 */
public final class ReadOnlyRoleService {
    /** How the new role gets its read access. */
    public enum Grants {
        /** The predefined role pg_read_all_data (PostgreSQL 14+): every table, view and sequence, now and later. */
        PG_READ_ALL_DATA,
        /** Older servers: USAGE on each schema and SELECT on its tables and sequences, now and (ours) later. */
        SELECT_ON_TABLES
    }

    /** What was created: the role, how it reads, and the profile switched to it (not saved yet). */
    public record Result(String role, String grant, ConnectionProfile profile) {
    }

    private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final int PASSWORD_LENGTH = 32;
    /** Predefined roles whose members act on the server, not just read data (those a server lacks match nothing). */
    static final List<String> SERVER_POWERS = List.of("pg_signal_backend", "pg_read_server_files",
            "pg_write_server_files", "pg_execute_server_program", "pg_checkpoint", "pg_create_subscription",
            "pg_signal_autovacuum_worker", "pg_use_reserved_connections");

    private final ConnectionFactory connections;

    public ReadOnlyRoleService(ConnectionFactory connections) {
        this.connections = connections;
    }

    /**
     * The whole action, for the GUI and {@code profiles make-readonly-role}: creates {@code role} with the saved
     * profile's credentials, switches that profile to it (read-only, password from ~/.pgpass) and saves it; audited.
     */
    public Result makeAndSwitch(ProfileStore store, AuditLog audit, String profileName, String role) throws DbProblem {
        ConnectionProfile admin = store.find(profileName).orElseThrow(() -> new DbProblem(DbProblem.Kind.OTHER,
                "no saved profile named '" + profileName + "' (the built-in local profile has no other users)", null, null));
        String operation = "make read-only role " + role;
        audit.preflight();
        Result result;
        try {
            result = create(admin, role);
        } catch (DbProblem e) {
            audit.record(admin.name(), admin.host(), admin.database(), operation, "failed: " + DbErrors.firstLine(e.getMessage()));
            throw e;
        }
        audit.record(admin.name(), admin.host(), admin.database(), operation, "ok (" + result.grant() + ")");
        try {
            store.update(profileName, result.profile());
        } catch (RuntimeException e) {
            throw new DbProblem(DbProblem.Kind.OTHER, "role " + role + " was created and its password stored in "
                    + connections.passwords().pgPass().file() + ", but profile " + profileName + " could not be saved ("
                    + DbErrors.firstLine(e.getMessage()) + "): set its user to " + role + " and its password source to"
                    + " pgpass by hand", null, e);
        }
        return result;
    }

    /** A role name to offer for {@code profile}: its user with {@code _readonly}, e.g. {@code root_readonly}. */
    public static String suggestedName(ConnectionProfile profile) {
        String base = profile.user() == null ? "cruddur" : profile.user().toLowerCase().replaceAll("[^a-z0-9_]", "_");
        String name = (base.startsWith("pg_") ? "ro_" + base : base) + "_readonly";
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    /** Creates {@code role} (pg_read_all_data on 14+, SELECT grants before) and returns the profile switched to it. */
    public Result create(ConnectionProfile admin, String role) throws DbProblem {
        return create(admin, role, null);
    }

    /** As {@link #create(ConnectionProfile, String)}, with the way of granting chosen ({@code null}: by server version). */
    public Result create(ConnectionProfile admin, String role, Grants grants) throws DbProblem {
        checkName(role);
        if (admin.embedded()) {
            throw new DbProblem(DbProblem.Kind.OTHER, "the built-in local profile is private to you already: "
                    + "make a read-only role for a shared server's profile", null, null);
        }
        PgPass pgPass = connections.passwords().pgPass();
        char[] password = PasswordGenerator.generate(PASSWORD_LENGTH);
        ConnectionFactory.Endpoint endpoint = connections.endpoint(admin);
        try (Connection c = connections.open(admin, admin.database())) {
            try (Statement st = c.createStatement()) {
                // this session was asked for explicitly to create a role; the profile's read-only default would refuse it
                st.execute("SET SESSION default_transaction_read_only = off");
            }
            checkPrivileges(c, admin.user(), role);
            c.setAutoCommit(false);
            String grant;
            try {
                grant = createRole(c, role, password, admin.database(),
                        grants != null ? grants : serverVersion(c) >= 140000 ? Grants.PG_READ_ALL_DATA : Grants.SELECT_ON_TABLES);
                requireNoServerPowers(c, role);
                // stored before the commit, so a role is never left whose password nobody has
                pgPass.store(endpoint.host(), endpoint.port(), admin.database(), role, new String(password));
                c.commit();
            } catch (SQLException | PgPass.PgPassException | RuntimeException e) {
                rollback(c);
                throw e;
            }
            ConnectionProfile switched = admin.toBuilder().user(role).passwordSource(PasswordSource.PGPASS)
                    .readOnly(true).build();
            return new Result(role, grant, switched);
        } catch (PgPass.PgPassException e) {
            throw new DbProblem(DbProblem.Kind.OTHER, "the role was not created: " + e.getMessage(), null, null);
        } catch (SQLException e) {
            throw e instanceof DbProblem p ? p : DbErrors.explain(e, admin, admin.database(), endpoint.toString());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static void checkName(String role) throws DbProblem {
        if (role == null || !ROLE_NAME.matcher(role).matches()) {
            throw new DbProblem(DbProblem.Kind.OTHER, "the role name '" + (role == null ? "" : role)
                    + "' cannot be used: use lower-case letters, digits and '_' (1-63, not starting with a digit)",
                    null, null);
        }
        if (role.startsWith("pg_")) {
            throw new DbProblem(DbProblem.Kind.OTHER, "role names starting with pg_ are reserved by PostgreSQL: "
                    + "choose another name", null, null);
        }
    }

    private static void checkPrivileges(Connection c, String user, String role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT rolsuper OR rolcreaterole FROM pg_catalog.pg_roles"
                + " WHERE rolname = current_user), EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?)")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new DbProblem(DbProblem.Kind.PERMISSION, "user " + user + " may not create roles (needs "
                            + "CREATEROLE or superuser): use the server's admin profile (on RDS, the master user)",
                            "42501", null);
                }
                if (rs.getBoolean(2)) {
                    throw new DbProblem(DbProblem.Kind.OTHER, "role " + role + " already exists on this server: "
                            + "choose another name (or drop the old role first)", null, null);
                }
            }
        }
    }

    private static String createRole(Connection c, String role, char[] password, String database, Grants grants)
            throws SQLException {
        String r = Sql.quoteIdent(role);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + r + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION");
            // the driver sends only the SCRAM verifier, so the password never appears in the server's statement log;
            // it zeroes the array it is handed, so it gets a copy: the original is what .pgpass stores afterwards
            char[] forDriver = password.clone();
            try {
                c.unwrap(PGConnection.class).alterUserPassword(role, forDriver, "scram-sha-256");
            } finally {
                Arrays.fill(forDriver, '\0');
            }
            st.execute("ALTER ROLE " + r + " SET default_transaction_read_only = on");
            st.execute("GRANT CONNECT ON DATABASE " + Sql.quoteIdent(database) + " TO " + r);
            if (grants == Grants.PG_READ_ALL_DATA) {
                Savepoint beforeGrant = c.setSavepoint();
                try {
                    st.execute("GRANT pg_read_all_data TO " + r);
                    return "pg_read_all_data";
                } catch (SQLException e) {
                    if (!"42501".equals(e.getSQLState())) {
                        throw e;
                    }
                    // PostgreSQL 16 wants ADMIN OPTION on pg_read_all_data to grant it; grant table by table instead
                    c.rollback(beforeGrant);
                }
            }
            return grantSelectOnTables(c, st, r);
        }
    }

    private static String grantSelectOnTables(Connection c, Statement st, String r) throws SQLException {
        List<String> schemas = userSchemas(c);
        for (String schema : schemas) {
            String s = Sql.quoteIdent(schema);
            st.execute("GRANT USAGE ON SCHEMA " + s + " TO " + r);
            st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA " + s + " TO " + r);
            st.execute("GRANT SELECT ON ALL SEQUENCES IN SCHEMA " + s + " TO " + r);
            st.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA " + s + " GRANT SELECT ON TABLES TO " + r);
        }
        return "SELECT on the tables of " + String.join(", ", schemas)
                + " (tables other users create later need their own GRANT)";
    }

    /**
     * Makes sure {@code role} holds nothing that acts on the server beyond reading data: no superuser, replication,
     * BYPASSRLS, CREATEROLE or CREATEDB, and no membership (direct or inherited) in the predefined roles that signal
     * other sessions or reach the server's files and programs. A direct grant is revoked; one that comes through
     * another role cannot be undone here, so the role is refused (and, inside the caller's transaction, not created).
     */
    static void requireNoServerPowers(Connection c, String role) throws SQLException {
        String r = Sql.quoteIdent(role);
        try (PreparedStatement direct = c.prepareStatement("SELECT g.rolname FROM pg_catalog.pg_auth_members m"
                + " JOIN pg_catalog.pg_roles g ON g.oid = m.roleid JOIN pg_catalog.pg_roles u ON u.oid = m.member"
                + " WHERE u.rolname = ? AND g.rolname = ANY (?)");
             Statement st = c.createStatement()) {
            direct.setString(1, role);
            direct.setArray(2, c.createArrayOf("text", SERVER_POWERS.toArray()));
            List<String> granted = new ArrayList<>();
            try (ResultSet rs = direct.executeQuery()) {
                while (rs.next()) {
                    granted.add(rs.getString(1));
                }
            }
            for (String g : granted) {
                st.execute("REVOKE " + Sql.quoteIdent(g) + " FROM " + r);
            }
        }
        // CREATE ROLE said NO… to each; checked rather than altered (changing them needs superuser, which RDS's
        // master user is not)
        try (PreparedStatement attributes = c.prepareStatement("SELECT rolsuper OR rolreplication OR rolbypassrls"
                + " OR rolcreaterole OR rolcreatedb FROM pg_catalog.pg_roles WHERE rolname = ?")) {
            attributes.setString(1, role);
            try (ResultSet rs = attributes.executeQuery()) {
                if (!rs.next() || rs.getBoolean(1)) {
                    throw new DbProblem(DbProblem.Kind.OTHER, "role " + role + " has a superuser, replication,"
                            + " BYPASSRLS, CREATEROLE or CREATEDB attribute after it was created without them:"
                            + " check the server's role set-up (e.g. an extension that alters new roles)", null, null);
                }
            }
        }
        try (PreparedStatement still = c.prepareStatement("SELECT g.rolname FROM pg_catalog.pg_roles g"
                + " WHERE g.rolname = ANY (?) AND pg_catalog.pg_has_role(?, g.oid, 'MEMBER') ORDER BY 1")) {
            still.setArray(1, c.createArrayOf("text", SERVER_POWERS.toArray()));
            still.setString(2, role);
            List<String> held = new ArrayList<>();
            try (ResultSet rs = still.executeQuery()) {
                while (rs.next()) {
                    held.add(rs.getString(1));
                }
            }
            if (!held.isEmpty()) {
                throw new DbProblem(DbProblem.Kind.OTHER, "role " + role + " would still be a member of "
                        + String.join(", ", held) + " through another role, which lets it signal sessions or reach the"
                        + " server's files: revoke that membership from the role in between, then try again", null, null);
            }
        }
    }

    private static List<String> userSchemas(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT nspname FROM pg_catalog.pg_namespace"
                + " WHERE nspname <> 'information_schema' AND nspname NOT LIKE 'pg\\_%' ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static int serverVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone, and the server rolled the transaction back with it
        }
    }
}
