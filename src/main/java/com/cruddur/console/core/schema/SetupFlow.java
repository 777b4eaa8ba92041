package com.cruddur.console.core.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reset as one flow, like the team's {@code bin/db-setup}: db-drop, db-create, db-schema-load, db-seed,
 * each labelled and timed. One maintenance connection serves drop and create and one connection to the
 * new database serves both scripts, which is where the speed over four psql processes comes from.
 */
final class SetupFlow {
    private final SchemaService service;
    private final StepListener listener;
    private final List<StepTiming> done = new ArrayList<>();

    SetupFlow(SchemaService service, StepListener listener) {
        this.service = service;
        this.listener = listener;
    }

    SetupResult run(SqlScript schema, SqlScript seed) {
        long start = System.nanoTime();
        String db = service.target().database();
        listener.log("== db-setup " + db + " (" + schema.name() + ", " + seed.name() + ")");
        try (Connection admin = step(SchemaService.DROP, service.admin()::adminConnection)) {
            preflight(admin);
            service.target().releasePool();
            step(SchemaService.DROP, () -> {
                service.admin().unlockIfReadOnly(admin);
                service.admin().drop(admin);
                return null;
            }, true);
            step(SchemaService.CREATE, () -> {
                service.admin().create(admin);
                return null;
            }, true);
        } catch (SQLException closing) {
            // closing the maintenance connection failed after its work was done; nothing to undo
        }
        ScriptResult schemaResult;
        ScriptResult seedResult;
        try (Connection c = step(SchemaService.SCHEMA_LOAD, service.admin()::writableConnection)) {
            schemaResult = step(SchemaService.SCHEMA_LOAD, () -> service.runScript(c, schema, listener), true);
            seedResult = step(SchemaService.SEED, () -> {
                freshSession(c);
                return service.runScript(c, seed, listener);
            }, true);
        } catch (SQLException closing) {
            throw new SchemaException("db-setup: closing the connection failed: " + closing.getMessage());
        }
        Duration total = Duration.ofNanos(System.nanoTime() - start);
        listener.log("== db-setup done in " + total.toMillis() + " ms: database " + db + " is ready");
        return new SetupResult(done, total, schemaResult, seedResult);
    }

    /** Refuses (nothing dropped) when the database could not be dropped and created again by this user. */
    private void preflight(Connection admin) {
        long t0 = System.nanoTime();
        try {
            service.preflight().canRecreate(admin, "db-setup");
        } catch (SQLException e) {
            throw failed(SchemaService.DROP, t0, SchemaErrors.explain(e, SchemaService.DROP, service.target()));
        }
    }

    /**
     * The seed gets the session a new connection would have: a schema file's SET and set_config calls (a pg_dump
     * file empties search_path) end with it, as they did when bin/db-setup ran each file in its own psql.
     */
    private void freshSession(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DISCARD ALL");
        }
        service.admin().unlockIfReadOnly(c);
    }

    private <T> T step(String name, SchemaService.SqlWork<T> work) {
        return step(name, work, false);
    }

    /** Runs one step; {@code labelled} steps get the {@code == name} log line, a timing and progress events. */
    private <T> T step(String name, SchemaService.SqlWork<T> work, boolean labelled) {
        if (labelled) {
            listener.stepStarted(name);
            listener.log("== " + name);
        }
        long t0 = System.nanoTime();
        try {
            T result = work.run();
            if (labelled) {
                StepTiming timing = new StepTiming(name, Duration.ofNanos(System.nanoTime() - t0));
                done.add(timing);
                listener.log(name + ": ok in " + timing.millis() + " ms");
                listener.stepFinished(timing);
            }
            return result;
        } catch (SQLException e) {
            throw failed(name, t0, SchemaErrors.explain(e, name, service.target()));
        } catch (SchemaException e) {
            throw failed(name, t0, e);
        }
    }

    private StepFailedException failed(String name, long t0, SchemaException cause) {
        listener.stepFailed(name, Duration.ofNanos(System.nanoTime() - t0), cause);
        String db = service.target().database();
        String state = switch (name) {
            case SchemaService.DROP -> "database " + db + " was not dropped";
            case SchemaService.CREATE -> "database " + db + " was dropped and not created again: run db create";
            case SchemaService.SCHEMA_LOAD -> "database " + db + " exists but is empty (the schema was rolled back)";
            default -> "database " + db + " has the schema but no seed data (the seed was rolled back)";
        };
        return new StepFailedException("db-setup stopped at " + name + "; " + state + "\n" + cause.getMessage(),
                name, done, cause);
    }
}
