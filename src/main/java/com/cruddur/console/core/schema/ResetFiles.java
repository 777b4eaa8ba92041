package com.cruddur.console.core.schema;

import com.cruddur.console.core.schema.migrate.MigrationFile;
import com.cruddur.console.core.schema.migrate.ResetMigrations;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What a Reset runs, read and checked before anything changes: the schema file, the migrations and the seed file;
 * and how to run them into a new database (for the Reset itself and for building its template).
 */
final class ResetFiles {
    /**
     * Part of every template's fingerprint: change it when the way a Reset builds a database changes, so that
     * templates made by an older console are rebuilt instead of reused.
     */
    static final String FLOW_VERSION = "cruddur-console reset 1: schema, DISCARD ALL, migrations, DISCARD ALL, seed";

    final SqlScript schema;
    final List<MigrationFile> migrations;
    final SqlScript seed;

    private ResetFiles(SqlScript schema, List<MigrationFile> migrations, SqlScript seed) {
        this.schema = schema;
        this.migrations = List.copyOf(migrations);
        this.seed = seed;
    }

    /** Reads, splits and checks every file; throws (naming the file) before anything is changed. */
    static ResetFiles read(ScriptSources sources) {
        SqlScript schema = sources.schema().parse();
        SqlScript seed = sources.seed().parse();
        ScriptRunner.check(schema, ScriptRunner.Mode.ONE_TRANSACTION);
        ScriptRunner.check(seed, ScriptRunner.Mode.ONE_TRANSACTION);
        return new ResetFiles(schema, ResetMigrations.checked(sources.migrations()), seed);
    }

    /** "schema.sql, 3 migrations, seed.sql" for log lines. */
    String describe() {
        return schema.name() + ", " + (migrations.isEmpty() ? "no migrations" : migrations.size() + " migration"
                + (migrations.size() == 1 ? "" : "s")) + ", " + seed.name();
    }

    /**
     * Identifies what a template built from these files holds: their contents, the database and user it is for
     * (a template is per profile's database, and its objects belong to the user who built it) and the flow's version.
     */
    String fingerprint(String database, String user) {
        Fingerprint f = Fingerprint.start().add(FLOW_VERSION).add(database).add(user)
                .add(schema.source()).add(seed.source()).add(Integer.toString(migrations.size()));
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
     * with it.
     */
    Built runInto(Connection c, DbTargetSession session, Steps steps, StepListener log, OperationCancel cancel) {
        ScriptResult schemaResult = steps.step(SetupFlow.SCHEMA_LOAD,
                () -> cancel.runner(log::log).run(c, schema));
        List<String> applied = steps.step(SetupFlow.MIGRATE, () -> {
            session.fresh(c);
            return ResetMigrations.apply(c, migrations, log, cancel);
        });
        ScriptResult seedResult = steps.step(SetupFlow.SEED, () -> {
            session.fresh(c);
            return cancel.runner(log::log).run(c, seed);
        });
        return new Built(schemaResult, applied, seedResult);
    }

    /** Gives a connection the session a new one would have (writable again on a read-only profile). */
    interface DbTargetSession {
        void fresh(Connection c) throws SQLException;

        static DbTargetSession of(com.cruddur.console.core.db.DbTarget target) {
            return c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("DISCARD ALL");
                }
                Connections.unlockIfReadOnly(target, c);
            };
        }
    }
}
