package com.cruddur.console.core.schema.reset;

import com.cruddur.console.core.schema.StepTiming;
import com.cruddur.console.core.schema.script.ScriptResult;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A finished Reset: where the new database came from, its steps with their timings, the scripts' results (when the
 * files ran) and the work left for afterwards ({@link #followUp()}: drop the previous database, keep the template
 * and a spare copy ready for the next Reset), which the caller runs when it suits it.
 *
 * @param migrations the migration files applied, in order (empty when none ran or the files did not run)
 */
public record SetupResult(Origin origin, List<StepTiming> steps, Duration total, ScriptResult schema,
                          List<String> migrations, ScriptResult seed, ResetFollowUp followUp) {
    public SetupResult {
        steps = List.copyOf(steps);
        migrations = List.copyOf(migrations);
    }

    /** Where the new database came from. */
    public enum Origin {
        /** The schema, migrations and seed files ran. */
        FILES("the files"),
        /** A copy of the seeded template, whose files had not changed. */
        TEMPLATE("template (files unchanged)"),
        /** The copy of the template kept ready by the previous Reset, whose files had not changed. */
        SPARE("template (files unchanged), copy kept ready");

        private final String text;

        Origin(String text) {
            this.text = text;
        }

        public String describe() {
            return text;
        }
    }

    public Optional<ScriptResult> schemaResult() {
        return Optional.ofNullable(schema);
    }

    public Optional<ScriptResult> seedResult() {
        return Optional.ofNullable(seed);
    }
}
