package com.cruddur.console.core.schema.script;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A project folder such as a checkout's {@code backend-flask/}, whose {@code db/schema.sql} and
 * {@code db/seed.sql} replace the bundled scripts.
 */
public record ProjectSql(Path dir) {
    /** Checks the folder exists so a typo in {@code --project} fails before anything runs. */
    public ProjectSql {
        if (!Files.isDirectory(dir)) {
            throw new SqlFileException("project folder " + dir + " does not exist or is not a directory: "
                    + "point --project at the folder that contains db/schema.sql (e.g. backend-flask/)");
        }
    }

    public SqlFile schema() {
        return SqlFile.of(dir.resolve("db").resolve("schema.sql"));
    }

    public SqlFile seed() {
        return SqlFile.of(dir.resolve("db").resolve("seed.sql"));
    }
}
