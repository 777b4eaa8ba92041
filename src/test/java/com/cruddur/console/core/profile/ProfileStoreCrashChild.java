package com.cruddur.console.core.profile;

import java.nio.file.Path;

/** Adds profiles one save at a time in a loop until killed (used by ProfileStoreTest). */
public final class ProfileStoreCrashChild {
    private ProfileStoreCrashChild() {
    }

    public static void main(String[] args) {
        ProfileStore store = new ProfileStore(Path.of(args[0]));
        int n = store.list().size();
        while (true) {
            store.add(ProfileStoreTest.profile("p" + (n++), Environment.DEV));
        }
    }
}
