package com.cruddur.console.core.settings;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the console keeps its files, following the XDG base directory rules:
 * config in {@code $XDG_CONFIG_HOME/cruddur-console}, data (the embedded database and its password) in
 * {@code $XDG_DATA_HOME/cruddur-console}, logs and the audit log in {@code $XDG_STATE_HOME/cruddur-console},
 * the unpacked PostgreSQL binaries in {@code $XDG_CACHE_HOME/cruddur-console}.
 */
public record AppPaths(Path configDir, Path dataDir, Path stateDir, Path cacheDir, Path home) {
    public static final String APP_DIR = "cruddur-console";

    /** Paths from the given environment (usually {@code System.getenv()}) and home directory. */
    public static AppPaths fromEnvironment(Map<String, String> env, Path home) {
        return new AppPaths(
                base(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve(APP_DIR),
                base(env, "XDG_DATA_HOME", home.resolve(".local/share")).resolve(APP_DIR),
                base(env, "XDG_STATE_HOME", home.resolve(".local/state")).resolve(APP_DIR),
                base(env, "XDG_CACHE_HOME", home.resolve(".cache")).resolve(APP_DIR),
                home);
    }

    /** Paths for this process: the real environment, with {@code $HOME} as the base (as the XDG rules say). */
    public static AppPaths forCurrentUser() {
        return fromEnvironment(System.getenv(), home(System.getenv()));
    }

    /** {@code $HOME} when set, else the JVM's {@code user.home} (which comes from the password database). */
    public static Path home(Map<String, String> env) {
        String home = env.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
    }

    private static Path base(Map<String, String> env, String name, Path fallback) {
        String value = env.get(name);
        // The XDG spec says relative paths are invalid and must be ignored.
        if (value == null || value.isBlank() || !Path.of(value).isAbsolute()) {
            return fallback;
        }
        return Path.of(value);
    }

    public Path profilesFile() {
        return configDir.resolve("profiles.json");
    }

    public Path embeddedDataDir() {
        return dataDir.resolve("pgdata");
    }

    public Path logFile() {
        return stateDir.resolve("cruddur-console.log");
    }

    public Path auditLog() {
        return stateDir.resolve("audit.log");
    }
}
