package com.cruddur.console.core.schema.script;

import com.cruddur.console.core.schema.Fingerprint;
import com.cruddur.console.core.sql.SqlScript;
import com.cruddur.console.core.sql.SqlScriptException;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** Where a schema or seed script comes from: bundled in the app or a file in a project folder. */
public interface SqlSource {
    /** Name used in log lines and error positions, e.g. {@code schema.sql} or the file's path. */
    String displayName();

    /** The script text, strictly decoded as UTF-8; throws {@link SqlFileException} with a clear reason. */
    String read();

    /** The file on disk, empty for bundled scripts. */
    Optional<Path> path();

    /** When the file last changed, empty for bundled scripts. */
    Optional<Instant> lastModified();

    /** Hex SHA-256 of the script's text in UTF-8 (what a Reset's template is keyed on). */
    default String sha256() {
        return Fingerprint.sha256(read().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Reads and splits the script; an empty or comment-only file is an error, not a silent no-op. */
    default SqlScript parse() {
        SqlScript script;
        try {
            script = SqlScript.parse(read(), displayName());
        } catch (SqlScriptException e) {
            throw new SqlFileException(e.getMessage(), e);
        }
        if (script.statements().isEmpty()) {
            throw new SqlFileException(displayName() + " contains no SQL statements (only comments or blanks): "
                    + "check that it is the right file");
        }
        return script;
    }
}
