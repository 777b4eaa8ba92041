package com.cruddur.console.core.schema;

import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.schema.admin.AdminPreflight;
import com.cruddur.console.core.schema.admin.DatabaseAdmin;
import com.cruddur.console.core.schema.admin.DatabaseInfo;
import com.cruddur.console.core.schema.admin.PreflightException;
import com.cruddur.console.core.schema.admin.PsqlLauncher;
import com.cruddur.console.core.schema.admin.SessionInfo;
import com.cruddur.console.core.schema.reset.ResetFiles;
import com.cruddur.console.core.schema.reset.ResetNames;
import com.cruddur.console.core.schema.reset.ResetOptions;
import com.cruddur.console.core.schema.reset.ResetTemplates;
import com.cruddur.console.core.schema.reset.SetupFlow;
import com.cruddur.console.core.schema.reset.SetupResult;
import com.cruddur.console.core.schema.reset.TemplateInfo;
import com.cruddur.console.core.schema.script.ScriptResult;
import com.cruddur.console.core.schema.script.ScriptSources;
import com.cruddur.console.core.schema.script.SqlSource;
import com.cruddur.console.core.sql.SqlScript;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The Schema tab's and the {@code db} commands' operations on one profile's database: list, create,
 * drop, schema-load, seed, setup (Reset), sessions, kill-sessions, psql. Destructive operations on a
 * protected profile need the typed database name, and every destructive operation is audited. Before anything
 * changes, each operation checks what it needs (the audit log writable, the files read and parsed, ownership,
 * CREATEDB, the right to end the other sessions) and refuses with a {@link PreflightException} otherwise.
 */
public final class SchemaService {
    static final String DROP = "db-drop";
    static final String CREATE = SetupFlow.CREATE;
    static final String SCHEMA_LOAD = SetupFlow.SCHEMA_LOAD;
    static final String SEED = SetupFlow.SEED;

    private final DbTarget target;
    private final AuditLog audit;
    private final Audited audited;
    private final DatabaseAdmin admin;
    private final AdminPreflight preflight;
    private final OperationCancel.Slot running = new OperationCancel.Slot();

    public SchemaService(DbTarget target, AuditLog audit) {
        this.target = target;
        this.audit = audit;
        this.audited = new Audited(target, audit);
        this.admin = new DatabaseAdmin(target);
        this.preflight = new AdminPreflight(target);
    }

    public AuditLog auditLog() {
        return audit;
    }

    public DbTarget target() {
        return target;
    }

    public DatabaseAdmin admin() {
        return admin;
    }

    public AdminPreflight preflight() {
        return preflight;
    }

    /**
     * All databases on the server with owner, encoding, collation and size, like psql's {@code \l}; each says whether
     * it is one of the console's marked Reset databases (decided by its comment, which only its owner can set).
     */
    public List<DatabaseInfo> listDatabases() {
        String sql = "SELECT d.datname, pg_catalog.pg_get_userbyid(d.datdba), pg_catalog.pg_encoding_to_char(d.encoding),"
                + " d.datcollate, d.datctype,"
                + " CASE WHEN pg_catalog.has_database_privilege(d.datname, 'CONNECT')"
                + " THEN pg_catalog.pg_database_size(d.datname) END, d.datistemplate,"
                + " pg_catalog.shobj_description(d.oid, 'pg_database')"
                + " FROM pg_catalog.pg_database d ORDER BY 1";
        try (Connection c = admin.adminConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<DatabaseInfo> out = new ArrayList<>();
            while (rs.next()) {
                long size = rs.getLong(6);
                Long bytes = rs.wasNull() ? null : size;
                out.add(new DatabaseInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), bytes, bytes == null ? "No Access" : prettySize(bytes), rs.getBoolean(7),
                        ResetNames.consoleMade(rs.getString(1), rs.getString(8))));
            }
            return out;
        } catch (SQLException e) {
            throw SchemaErrors.explain(e, "db list", target);
        }
    }

    /** Creates the profile's database (CREATE DATABASE through the {@code postgres} maintenance database). */
    public void createDatabase() {
        audited("create database", null, false, () -> {
            try (Connection c = admin.adminConnection()) {
                admin.create(c);
            }
            return null;
        });
    }

    /**
     * Drops the profile's database, ending other sessions (WITH (FORCE) on 13+); refused up front unless the user
     * owns it (or is a superuser) and may end every other session on it. Our pool is closed first.
     */
    public void dropDatabase(String confirm) {
        String operation = "drop database";
        audited(operation, confirm, true, () -> {
            try (Connection c = admin.adminConnection()) {
                preflight.canDrop(c, operation);
                target.releasePool();
                admin.unlockIfReadOnly(c);
                admin.drop(c);
            }
            return null;
        });
    }

    /** Runs a schema file in one transaction on the profile's database; nothing remains if a statement fails. */
    public ScriptResult loadSchema(SqlSource source, String confirm, StepListener listener) {
        return runScriptOperation("schema load", SCHEMA_LOAD, source, confirm, listener);
    }

    /** Runs a seed file in one transaction on the profile's database; nothing remains if a statement fails. */
    public ScriptResult seed(SqlSource source, String confirm, StepListener listener) {
        return runScriptOperation("seed", SEED, source, confirm, listener);
    }

    /** Reset from a schema and a seed file (no migrations), using the template when the files have not changed. */
    public SetupResult setup(SqlSource schemaSource, SqlSource seedSource, String confirm, StepListener listener) {
        return setup(new ScriptSources(schemaSource, seedSource), ResetOptions.DEFAULT, confirm, listener);
    }

    /**
     * Reset: the schema, the pending migrations and the seed run in a new database under a scratch name, which takes
     * the old one's place only when every step succeeded (or the template's ready copy does, when the files have not
     * changed). Every file is read and checked, and CREATEDB, ownership and the right to end the other sessions
     * checked, before anything is created; a failure leaves the old database untouched and in use. Run the result's
     * {@link SetupResult#followUp()} afterwards.
     */
    public SetupResult setup(ScriptSources sources, ResetOptions options, String confirm, StepListener listener) {
        return audited("setup (reset) database", confirm, true, () -> {
            ResetFiles files = ResetFiles.read(sources);
            OperationCancel cancel = running.begin();
            try {
                return new SetupFlow(this, listener, cancel).run(files, options);
            } finally {
                running.end(cancel);
            }
        });
    }

    /** The current user's Reset templates, spares and leftovers of this database; {@code sources} marks the current. */
    public List<TemplateInfo> templates(ScriptSources sources) {
        try (Connection c = admin.adminConnection()) {
            String current = null;
            if (sources != null) {
                current = ResetFiles.read(sources).fingerprint(target.database(), SetupFlow.currentUser(c));
            }
            return new ResetTemplates(new ResetNames(target.database())).list(c, current);
        } catch (SQLException e) {
            throw SchemaErrors.explain(e, "db templates", target);
        }
    }

    /** Drops every Reset template, spare and leftover of this database (the next Reset runs the files). */
    public List<TemplateInfo> removeTemplates(StepListener listener) {
        return audited("remove reset templates", null, false, () -> {
            try (Connection c = admin.adminConnection()) {
                Connections.unlockIfReadOnly(target, c);
                try (AdvisoryLock ignored = AdvisoryLock.acquire(c, SetupFlow.lockKey(target.database()),
                        ResetOptions.DEFAULT.lockWait(), listener::log, new OperationCancel())) {
                    ResetTemplates templates = new ResetTemplates(new ResetNames(target.database()));
                    List<TemplateInfo> before = templates.list(c, null);
                    List<String> kept = templates.prune(c, null, true, listener);
                    if (!kept.isEmpty()) {
                        throw new SchemaException("could not drop " + String.join(", ", kept));
                    }
                    return before;
                }
            }
        });
    }

    /** Sessions on the profile's database from {@code pg_stat_activity}, oldest first. */
    public List<SessionInfo> sessions() {
        String sql = "SELECT pid, usename, application_name, client_addr::text, state, backend_start, state_change,"
                + " query, pid = pg_catalog.pg_backend_pid() FROM pg_catalog.pg_stat_activity"
                + " WHERE datname = ? ORDER BY backend_start, pid";
        try (Connection c = target.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, target.database());
            List<SessionInfo> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SessionInfo(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class),
                            rs.getString(8), rs.getBoolean(9)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw SchemaErrors.explain(e, "db sessions", target);
        }
    }

    /** Terminates session {@code pid}, or every session on the database but our own; returns how many ended. */
    public int killSessions(OptionalInt pid, String confirm) {
        String op = pid.isPresent() ? "kill session " + pid.getAsInt() : "kill all sessions";
        return audited(op, confirm, true, () -> {
            try (Connection c = target.connect()) {
                preflight.canEnd(c, op, pid);
                return pid.isPresent() ? killOne(c, pid.getAsInt()) : killAllButOurs(c);
            }
        });
    }

    /** A psql command line for the clipboard, without the password. */
    public String psqlCommandLine(String sslMode) {
        return new PsqlLauncher(target).commandLine(sslMode);
    }

    /** A psql process for {@code db connect}; the caller resolves the password, which goes only into its environment. */
    public ProcessBuilder psqlProcess(Supplier<char[]> password, String sslMode) {
        return new PsqlLauncher(target).process("psql", password, sslMode);
    }

    /**
     * Cancels what runs now (schema-load's or seed's script, a Reset's script, copy or wait for its lock); a script
     * then rolls back, and a Reset drops its unfinished copy. A Reset's swap is never cut short.
     */
    public void cancel() {
        running.cancel();
    }

    private ScriptResult runScriptOperation(String op, String step, SqlSource source, String confirm,
                                            StepListener listener) {
        return audited(op + " " + source.displayName(), confirm, true, () -> {
            SqlScript script = source.parse();
            listener.stepStarted(step);
            listener.log("== " + step + " (" + source.displayName() + ")");
            long t0 = System.nanoTime();
            OperationCancel cancel = running.begin();
            try (Connection c = admin.writableConnection()) {
                ScriptResult result = cancel.runner(listener::log).run(c, script);
                StepTiming timing = new StepTiming(step, Duration.ofNanos(System.nanoTime() - t0));
                listener.log(step + ": ok, " + result.statements() + " statements in " + timing.millis() + " ms");
                listener.stepFinished(timing);
                return result;
            } catch (SQLException e) {
                SchemaException error = SchemaErrors.explain(e, step, target);
                listener.stepFailed(step, Duration.ofNanos(System.nanoTime() - t0), error);
                throw error;
            } catch (SchemaException e) {
                listener.stepFailed(step, Duration.ofNanos(System.nanoTime() - t0), e);
                throw e;
            } finally {
                running.end(cancel);
            }
        });
    }

    private int killOne(Connection c, int pid) throws SQLException {
        String sql = "SELECT pid = pg_catalog.pg_backend_pid(), " + terminate(c, "pid")
                + " FROM pg_catalog.pg_stat_activity WHERE datname = ? AND pid = ?";
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pid = pg_catalog.pg_backend_pid() FROM pg_catalog.pg_stat_activity WHERE datname = ? AND pid = ?")) {
            ps.setString(1, target.database());
            ps.setInt(2, pid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SchemaException("no session with pid " + pid + " on database " + target.database()
                            + ": list them with db sessions");
                }
                if (rs.getBoolean(1)) {
                    throw new SchemaException("pid " + pid + " is this console's own session: pick another pid");
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, target.database());
            ps.setInt(2, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(2) ? 1 : 0;
            }
        }
    }

    /**
     * The call that ends session {@code pid}: on PostgreSQL 14 and later the server waits until it is gone, so the
     * list read right after a kill no longer shows it as still there (pg_terminate_backend alone only sends the signal).
     */
    private static String terminate(Connection c, String pid) throws SQLException {
        return c.getMetaData().getDatabaseMajorVersion() >= 14
                ? "pg_catalog.pg_terminate_backend(" + pid + ", 5000)"
                : "pg_catalog.pg_terminate_backend(" + pid + ")";
    }

    private int killAllButOurs(Connection c) throws SQLException {
        String sql = "SELECT count(*) FILTER (WHERE " + terminate(c, "a.pid") + ")"
                + " FROM pg_catalog.pg_stat_activity a WHERE a.datname = ? AND a.pid <> pg_catalog.pg_backend_pid()"
                + " AND a.pid <> ALL (?) AND " + DatabaseAdmin.CLIENT_SESSION;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, target.database());
            ps.setArray(2, c.createArrayOf("int4", target.sessionsItClosed().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private <T> T audited(String operation, String confirm, boolean destructive, Audited.Work<T> work) {
        return audited.run(operation, confirm, destructive, work);
    }

    public static String prettySize(long bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 10 * 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : Math.round(v) + " " + units[u];
    }
}
