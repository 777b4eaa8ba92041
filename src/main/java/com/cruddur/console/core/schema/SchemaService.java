package com.cruddur.console.core.schema;

import com.cruddur.console.core.db.DbErrors;

import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.safety.ConfirmationRequiredException;
import com.cruddur.console.core.safety.DestructiveGuard;

import java.io.UncheckedIOException;
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
    static final String CREATE = "db-create";
    static final String SCHEMA_LOAD = "db-schema-load";
    static final String SEED = "db-seed";

    private final DbTarget target;
    private final AuditLog audit;
    private final DatabaseAdmin admin;
    private final AdminPreflight preflight;
    private volatile ScriptRunner activeRunner;

    public SchemaService(DbTarget target, AuditLog audit) {
        this.target = target;
        this.audit = audit;
        this.admin = new DatabaseAdmin(target);
        this.preflight = new AdminPreflight(target);
    }

    public DbTarget target() {
        return target;
    }

    DatabaseAdmin admin() {
        return admin;
    }

    AdminPreflight preflight() {
        return preflight;
    }

    /** All databases on the server with owner, encoding, collation and size, like psql's {@code \l}. */
    public List<DatabaseInfo> listDatabases() {
        String sql = "SELECT d.datname, pg_catalog.pg_get_userbyid(d.datdba), pg_catalog.pg_encoding_to_char(d.encoding),"
                + " d.datcollate, d.datctype,"
                + " CASE WHEN pg_catalog.has_database_privilege(d.datname, 'CONNECT')"
                + " THEN pg_catalog.pg_database_size(d.datname) END, d.datistemplate"
                + " FROM pg_catalog.pg_database d ORDER BY 1";
        try (Connection c = admin.adminConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<DatabaseInfo> out = new ArrayList<>();
            while (rs.next()) {
                long size = rs.getLong(6);
                Long bytes = rs.wasNull() ? null : size;
                out.add(new DatabaseInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), bytes, bytes == null ? "No Access" : prettySize(bytes), rs.getBoolean(7)));
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

    /**
     * Reset: drop, create, schema, seed, with per-step timings. Both files are read and split, and ownership,
     * CREATEDB and the right to end the other sessions checked, before anything is dropped, so a bad file or a
     * missing right leaves the database as it was.
     */
    public SetupResult setup(SqlSource schemaSource, SqlSource seedSource, String confirm, StepListener listener) {
        return audited("setup (reset) database", confirm, true,
                () -> new SetupFlow(this, listener).run(schemaSource.parse(), seedSource.parse()));
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

    /** Cancels the script statement running now (schema-load, seed or Reset's script steps); it then rolls back. */
    public void cancel() {
        ScriptRunner runner = activeRunner;
        if (runner != null) {
            runner.cancel();
        }
    }

    ScriptResult runScript(Connection c, SqlScript script, StepListener listener) {
        ScriptRunner runner = new ScriptRunner(listener::log);
        activeRunner = runner;
        try {
            return runner.run(c, script);
        } finally {
            activeRunner = null;
        }
    }

    private ScriptResult runScriptOperation(String op, String step, SqlSource source, String confirm,
                                            StepListener listener) {
        return audited(op + " " + source.displayName(), confirm, true, () -> {
            SqlScript script = source.parse();
            listener.stepStarted(step);
            listener.log("== " + step + " (" + source.displayName() + ")");
            long t0 = System.nanoTime();
            try (Connection c = admin.writableConnection()) {
                ScriptResult result = runScript(c, script, listener);
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
            }
        });
    }

    private int killOne(Connection c, int pid) throws SQLException {
        String sql = "SELECT pid = pg_catalog.pg_backend_pid(), pg_catalog.pg_terminate_backend(pid)"
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

    private int killAllButOurs(Connection c) throws SQLException {
        String sql = "SELECT count(*) FILTER (WHERE pg_catalog.pg_terminate_backend(a.pid))"
                + " FROM pg_catalog.pg_stat_activity a WHERE a.datname = ? AND a.pid <> pg_catalog.pg_backend_pid()"
                + " AND " + DatabaseAdmin.CLIENT_SESSION;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, target.database());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Runs {@code work} after the audit log's preflight and (for destructive ops) the guard, and writes one audit
     * line whatever happens. Nothing has changed when the audit log cannot be written: the operation is refused.
     */
    private <T> T audited(String operation, String confirm, boolean destructive, SqlWork<T> work) {
        try {
            audit.preflight();
        } catch (UncheckedIOException e) {
            throw new PreflightException(operation + " refused: " + e.getMessage() + "; nothing was changed: every"
                    + " destructive operation is recorded there, so make it a writable file in a writable folder and"
                    + " try again", e);
        }
        if (destructive) {
            try {
                DestructiveGuard.check(target.isProtected(), operation, "database", target.database(), confirm);
            } catch (ConfirmationRequiredException e) {
                record(operation, "refused: " + e.getMessage());
                throw e;
            }
        }
        T result;
        try {
            result = work.run();
        } catch (SQLException e) {
            SchemaException error = SchemaErrors.explain(e, operation, target);
            throw recordedFailure(operation, "failed: " + DbErrors.firstLine(error.getMessage()), error);
        } catch (PreflightException e) {
            throw recordedFailure(operation, "refused: " + DbErrors.firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            throw recordedFailure(operation, "failed: " + DbErrors.firstLine(String.valueOf(e.getMessage())), e);
        }
        try {
            record(operation, "ok");
        } catch (UncheckedIOException e) {
            throw new SchemaException(operation + " was done, but afterwards " + e.getMessage()
                    + ", so it is not recorded there", null, e);
        }
        return result;
    }

    /** Records a failure or refusal; if even that cannot be written, the operation's own error still wins. */
    private RuntimeException recordedFailure(String operation, String outcome, RuntimeException error) {
        try {
            record(operation, outcome);
        } catch (UncheckedIOException e) {
            error.addSuppressed(e);
        }
        return error;
    }

    private void record(String operation, String outcome) {
        audit.record(target.profileName(), target.host(), target.database(), operation, outcome);
    }


    static String prettySize(long bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 10 * 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : Math.round(v) + " " + units[u];
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }
}
