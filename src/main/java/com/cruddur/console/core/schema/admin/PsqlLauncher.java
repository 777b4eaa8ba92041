package com.cruddur.console.core.schema.admin;

import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.schema.SchemaErrors;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code db connect}: psql for a profile. The password travels only in the child's environment
 * (PGPASSWORD), never on a command line where {@code ps} would show it.
 */
public final class PsqlLauncher {
    private final DbTarget target;

    public PsqlLauncher(DbTarget target) {
        this.target = target;
    }

    /** A psql command line to paste into a terminal; no password (psql prompts or uses ~/.pgpass). */
    public String commandLine(String sslMode) {
        StringBuilder conninfo = new StringBuilder()
                .append("host=").append(conninfoValue(target.host()))
                .append(" port=").append(target.port())
                .append(" dbname=").append(conninfoValue(target.database()))
                .append(" user=").append(conninfoValue(target.user()));
        if (sslMode != null && !sslMode.isBlank()) {
            conninfo.append(" sslmode=").append(conninfoValue(sslMode));
        }
        return "psql " + shellQuote(conninfo.toString());
    }

    /** A ready-to-start psql process (stdio inherited) with connection settings and password in its environment. */
    public ProcessBuilder process(String psqlExecutable, Supplier<char[]> password, String sslMode) {
        ProcessBuilder pb = new ProcessBuilder(psqlExecutable).inheritIO();
        Map<String, String> env = pb.environment();
        // Settings inherited from our own environment must not redirect psql to another server or role;
        // certificate settings (PGSSLROOTCERT...) and PGPASSFILE are kept.
        env.keySet().removeAll(java.util.List.of("PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER",
                "PGPASSWORD", "PGSERVICE", "PGOPTIONS", "PGSSLMODE", "PGAPPNAME", "PGTARGETSESSIONATTRS"));
        env.put("PGHOST", target.host());
        env.put("PGPORT", Integer.toString(target.port()));
        env.put("PGDATABASE", target.database());
        env.put("PGUSER", target.user());
        env.put("PGAPPNAME", "cruddur-console-psql");
        if (sslMode != null && !sslMode.isBlank()) {
            env.put("PGSSLMODE", sslMode);
        }
        boolean readOnly;
        try {
            readOnly = target.isReadOnly(); // may connect first: the server says whose database it is
        } catch (java.sql.SQLException e) {
            throw SchemaErrors.explain(e, "db connect", target);
        }
        if (readOnly) {
            env.put("PGOPTIONS", "-c default_transaction_read_only=on");
        }
        char[] secret = password == null ? null : password.get();
        if (secret != null && secret.length > 0) {
            env.put("PGPASSWORD", new String(secret));
            Arrays.fill(secret, '\0');
        }
        return pb;
    }

    public static String conninfoValue(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> c == ' ' || c == '\'' || c == '\\' || c == '=')) {
            return value;
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    public static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
