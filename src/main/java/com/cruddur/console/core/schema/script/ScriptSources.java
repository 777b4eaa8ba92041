package com.cruddur.console.core.schema.script;

import com.cruddur.console.core.schema.migrate.MigrationFolder;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The schema and seed scripts one operation uses: explicit files win, then a project folder
 * (the profile's or {@code --project}), then the bundled Cruddur scripts. GUI and CLI share this rule. A project
 * folder also brings its {@code db/migrations} (null for the bundled scripts, which have none).
 */
public record ScriptSources(SqlSource schema, SqlSource seed, MigrationFolder migrations) {
    /** Schema and seed without migrations. */
    public ScriptSources(SqlSource schema, SqlSource seed) {
        this(schema, seed, null);
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The bundled corrected Cruddur schema and seed. */
    public static ScriptSources bundled() {
        return new ScriptSources(BundledSql.schema(), BundledSql.seed());
    }

    /**
     * Resolves the scripts: {@code schemaFile}/{@code seedFile} override; otherwise {@code projectDir}'s
     * {@code db/schema.sql} and {@code db/seed.sql}; otherwise bundled. Any argument may be null or blank.
     */
    public static ScriptSources resolve(String projectDir, Path schemaFile, Path seedFile) {
        ScriptSources base = projectDir == null || projectDir.isBlank() ? bundled() : project(Path.of(projectDir));
        return new ScriptSources(schemaFile == null ? base.schema : SqlFile.of(schemaFile),
                seedFile == null ? base.seed : SqlFile.of(seedFile), base.migrations);
    }

    /** A project folder's {@code db/schema.sql} and {@code db/seed.sql}; fails clearly when the folder is missing. */
    public static ScriptSources project(Path dir) {
        ProjectSql p = new ProjectSql(dir);
        return new ScriptSources(p.schema(), p.seed(), MigrationFolder.inProject(dir));
    }

    /** True when both scripts are the bundled ones. */
    public boolean isBundled() {
        return schema.path().isEmpty() && seed.path().isEmpty();
    }

    /** One line for the Schema tab and the CLI: "bundled schema.sql, seed.sql" or each path with its last change. */
    public String describe() {
        if (isBundled()) {
            return "bundled Cruddur scripts: schema.sql, seed.sql";
        }
        return "schema: " + describe(schema) + " · seed: " + describe(seed)
                + (migrations == null ? "" : " · migrations: " + migrations.dir() + (migrations.exists() ? "" : " (none yet)"));
    }

    private static String describe(SqlSource source) {
        if (source.path().isEmpty()) {
            return "bundled " + source.displayName();
        }
        Optional<Instant> changed = source.lastModified();
        return source.displayName() + changed.map(t -> " (changed " + WHEN.format(t.atZone(ZoneId.systemDefault())) + ")")
                .orElse(" (missing)");
    }
}
