package com.cruddur.console.core.schema.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** The corrected Cruddur schema and seed shipped inside the app. */
public final class BundledSql implements SqlSource {
    private static final String BASE = "/com/cruddur/console/db/";
    private final String fileName;

    private BundledSql(String fileName) {
        this.fileName = fileName;
    }

    /** The bundled {@code schema.sql}: users, activities, updated_at triggers; re-runnable. */
    public static BundledSql schema() {
        return new BundledSql("schema.sql");
    }

    /** The bundled {@code seed.sql}: two users and a few activities. */
    public static BundledSql seed() {
        return new BundledSql("seed.sql");
    }

    @Override
    public String displayName() {
        return fileName;
    }

    @Override
    public String read() {
        try (InputStream in = BundledSql.class.getResourceAsStream(BASE + fileName)) {
            if (in == null) {
                throw new SqlFileException("bundled " + fileName + " is missing from the application: reinstall it");
            }
            return SqlFile.decodeUtf8(in.readAllBytes(), fileName);
        } catch (IOException e) {
            throw new SqlFileException("cannot read bundled " + fileName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Path> path() {
        return Optional.empty();
    }

    @Override
    public Optional<Instant> lastModified() {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "bundled " + fileName;
    }
}
