package com.cruddur.console.core.db;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.IOException;
import java.io.InputStream;

/**
 * zonky's resolver of the PostgreSQL archive, answering with the archive the console bundles ({@link BundledArchive}):
 * zonky's default resolver runs a shell script it writes to the temp folder, and leaves there, on every JVM's first
 * server. One instance, so that zonky reads the archive once per JVM (it keeps what it resolved per resolver).
 */
public final class BundledArchiveResolver implements PgBinaryResolver {
    public static final BundledArchiveResolver INSTANCE = new BundledArchiveResolver();

    private BundledArchiveResolver() {
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        return BundledArchive.find().open();
    }
}
