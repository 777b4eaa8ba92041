package com.cruddur.console.core.schema.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptSourcesTest {
    @TempDir
    Path tmp;

    @Test
    void filesBeatProjectWhichBeatsBundled() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("backend-flask/db")).getParent();
        Files.writeString(project.resolve("db/schema.sql"), "SELECT 1;");
        Path own = tmp.resolve("own-seed.sql");

        assertThat(ScriptSources.resolve(null, null, null).isBundled()).isTrue();
        assertThat(ScriptSources.resolve(" ", null, null).describe()).isEqualTo("bundled Cruddur scripts: schema.sql, seed.sql");

        ScriptSources fromProject = ScriptSources.resolve(project.toString(), null, null);
        assertThat(fromProject.schema().path()).contains(project.resolve("db/schema.sql"));
        assertThat(fromProject.describe()).contains(project.resolve("db/schema.sql") + " (changed ")
                .contains(project.resolve("db/seed.sql") + " (missing)");

        ScriptSources mixed = ScriptSources.resolve(project.toString(), null, own);
        assertThat(mixed.schema().path()).contains(project.resolve("db/schema.sql"));
        assertThat(mixed.seed().path()).contains(own);
        assertThat(ScriptSources.resolve(null, own, null).seed()).isInstanceOf(BundledSql.class);
    }

    @Test
    void missingProjectFolderFailsBeforeAnythingRuns() {
        assertThatThrownBy(() -> ScriptSources.resolve(tmp.resolve("nope").toString(), null, null))
                .isInstanceOf(SqlFileException.class).hasMessageContaining("does not exist or is not a directory");
    }
}
