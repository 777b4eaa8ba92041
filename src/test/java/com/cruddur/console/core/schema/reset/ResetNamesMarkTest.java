package com.cruddur.console.core.schema.reset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Which databases are the console's own: decided by the mark a Reset gives them, never by a name that looks right. */
class ResetNamesMarkTest {
    private static final String FILES = "0123456789abcdef0123456789abcdef";

    @ParameterizedTest
    @ValueSource(strings = {"cruddur", "a, b", "Ünïcode, db, with commas",
            "a_database_name_long_enough_that_reset_names_must_shorten_it_to_fit"})
    void everyMarkedResetDatabaseIsTheConsolesWhateverTheDatabaseIsCalled(String db) {
        ResetNames names = new ResetNames(db);
        ResetTemplates templates = new ResetTemplates(names);
        for (ResetNames.Kind kind : ResetNames.Kind.values()) {
            String name = kind.leftover ? names.fresh(kind) : names.forFiles(kind, FILES);
            assertThat(ResetNames.consoleMade(name, names.mark(kind))).as(kind + " of " + db).isTrue();
            assertThat(ResetNames.consoleMade(name, templates.comment(kind, FILES, Instant.EPOCH)))
                    .as(kind + " of " + db + " with its details").isTrue();
        }
    }

    @Test
    void aNameAloneOrAMarkOfAnotherDatabaseIsNotEnough() {
        ResetNames names = new ResetNames("cruddur");
        String tpl = names.forFiles(ResetNames.Kind.TEMPLATE, FILES);
        assertThat(ResetNames.consoleMade(tpl, null)).isFalse();
        assertThat(ResetNames.consoleMade(tpl, "")).isFalse();
        assertThat(ResetNames.consoleMade(tpl, "my own template")).isFalse();
        assertThat(ResetNames.consoleMade(tpl, new ResetNames("other").mark(ResetNames.Kind.TEMPLATE))).isFalse();
        assertThat(ResetNames.consoleMade(tpl, names.mark(ResetNames.Kind.SPARE))).as("the mark of another kind").isFalse();
        assertThat(ResetNames.consoleMade("cruddur", names.mark(ResetNames.Kind.TEMPLATE))).as("the database itself")
                .isFalse();
        assertThat(ResetNames.consoleMade(tpl + "x", names.mark(ResetNames.Kind.TEMPLATE))).isFalse();
    }
}
