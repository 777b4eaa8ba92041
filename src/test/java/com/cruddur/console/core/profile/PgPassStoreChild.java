package com.cruddur.console.core.profile;

import java.nio.file.Path;

/** Stores {@code count} entries named after {@code prefix} in one ~/.pgpass (used by PgPassTest with two of these). */
public final class PgPassStoreChild {
    private PgPassStoreChild() {
    }

    public static void main(String[] args) throws Exception {
        PgPass pgPass = new PgPass(Path.of(args[0]));
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() != '\n') {
            // wait for the go, so both children store at the same time
        }
        for (int i = 0; i < count; i++) {
            pgPass.store(prefix + i, 5432, "cruddur", "root", "pw" + i);
        }
    }
}
