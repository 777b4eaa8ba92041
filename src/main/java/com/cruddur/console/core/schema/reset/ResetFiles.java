package com.cruddur.console.core.schema.reset;

import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.schema.Audited;
import com.cruddur.console.core.schema.Connections;
import com.cruddur.console.core.schema.Fingerprint;
import com.cruddur.console.core.schema.OperationCancel;
import com.cruddur.console.core.schema.StepListener;
import com.cruddur.console.core.schema.migrate.MigrationFile;
import com.cruddur.console.core.schema.migrate.ResetMigrations;
import com.cruddur.console.core.schema.script.ScriptResult;
import com.cruddur.console.core.schema.script.ScriptRunner;
import com.cruddur.console.core.schema.script.ScriptSources;
import com.cruddur.console.core.sql.SqlScript;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What a Reset runs: the schema file, the migrations and the seed file; what identifies them (for the template); and
 * how to run them into a new database (for the Reset itself and for building its template). The migrations are read
 * and checked at once; the schema and seed files are split and checked only when they are to run (a Reset from the
 * template needs only their fingerprint), and always before anything is created.
 */
public final class ResetFiles {
    /**
     * Part of every template's fingerprint: change it when the way a Reset builds a database changes, so that
     * templates made by an older console are rebuilt instead of reused.
     */
    static final String FLOW_VERSION = "cruddur-console reset 1: schema, DISCARD ALL, migrations, DISCARD ALL, seed";

    private final ScriptSources sources;
    final List<MigrationFile> migrations;
    private String schemaSha;
    private String seedSha;
    private SqlScript schema;
    private SqlScript seed;

    private ResetFiles(ScriptSources sources, List<MigrationFile> migrations) {
        this.sources = sources;
        this.migrations = List.copyOf(migrations);
        this.schemaSha = sources.schema().sha256();
        this.seedSha = sources.seed().sha256();
    }

    /** Reads the migrations (checked, naming any bad file) and the fingerprints of the schema and seed files. */
    public static ResetFiles read(ScriptSources sources) {
        return new ResetFiles(sources, ResetMigrations.checked(sources.migrations()));
    }

    /**
     * Reads, splits and checks the schema and seed files (once); throws naming the file. Their fingerprints are
     * taken again from the text split, so a template is named after exactly what it was built from.
     */
    ResetFiles parse() {
        if (schema == null) {
            SqlScript s = sources.schema().parse();
            SqlScript d = sources.seed().parse();
            ScriptRunner.check(s, ScriptRunner.Mode.ONE_TRANSACTION);
            ScriptRunner.check(d, ScriptRunner.Mode.ONE_TRANSACTION);
            schema = s;
            seed = d;
            schemaSha = Fingerprint.sha256(s.source().getBytes(StandardCharsets.UTF_8));
            seedSha = Fingerprint.sha256(d.source().getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    /** "schema.sql, 3 migrations, seed.sql" for log lines. */
    String describe() {
        return sources.schema().displayName() + ", " + (migrations.isEmpty() ? "no migrations" : migrations.size()
                + " migration" + (migrations.size() == 1 ? "" : "s")) + ", " + sources.seed().displayName();
    }

    /**
     * Identifies what a template built from these files holds: their contents, the database and user it is for
     * (a template is per profile's database, and its objects belong to the user who built it) and the flow's version.
     */
    public String fingerprint(String database, String user) {
        Fingerprint f = Fingerprint.start().add(FLOW_VERSION).add(database).add(user).add(schemaSha).add(seedSha)
                .add(Integer.toString(migrations.size()));
        for (MigrationFile m : migrations) {
            f.add(m.fileName()).add(m.sha256());
        }
        return f.hex();
    }

    /** The steps that run the files into a database, as the Reset labels them. */
    interface Steps {
        <T> T step(String name, Audited.Work<T> work);
    }

    /** What running the files produced. */
    record Built(ScriptResult schema, List<String> migrations, ScriptResult seed) {
    }

    /**
     * Runs schema, migrations and seed on {@code c} (a connection to the new database), each after a fresh session
     * as bin/db-setup ran each file in its own psql: a schema file's SETs (a pg_dump file empties search_path) end
     * with it. The files must have been {@link #parse() parsed}.
     */
    Built runInto(Connection c, DbTarget target, Steps steps, StepListener log, OperationCancel cancel) {
        parse();
        ScriptResult schemaResult = steps.step(SetupFlow.SCHEMA_LOAD, () -> cancel.runner(log::log).run(c, schema));
        List<String> applied = steps.step(SetupFlow.MIGRATE, () -> {
            freshSession(c, target);
            return ResetMigrations.apply(c, migrations, log, cancel);
        });
        ScriptResult seedResult = steps.step(SetupFlow.SEED, () -> {
            freshSession(c, target);
            return cancel.runner(log::log).run(c, seed);
        });
        return new Built(schemaResult, applied, seedResult);
    }

    /** The session a new connection would have (writable again on a read-only profile). */
    private static void freshSession(Connection c, DbTarget target) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DISCARD ALL");
        }
        Connections.unlockIfReadOnly(target, c);
    }
}
