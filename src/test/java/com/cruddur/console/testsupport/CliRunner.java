package com.cruddur.console.testsupport;

import com.cruddur.console.cli.CliContext;
import com.cruddur.console.cli.Main;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process as a script would: its own environment, captured stdout/stderr, the exit code. */
public final class CliRunner {
    /** What a run printed and returned. */
    public record Result(int code, String out, String err) {
    }

    private CliRunner() {
    }

    /**
     * HOME and the XDG directories under {@code home} (the cache shared: {@link SharedCache}), so no test touches the
     * developer's files.
     */
    public static Map<String, String> environment(Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("cfg").toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("XDG_CACHE_HOME", SharedCache.dir().toString());
        // a wide terminal, so tests that read table output see whole cells (TextTableTest covers fitting)
        env.put("COLUMNS", "400");
        return env;
    }

    public static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (CliContext ctx = new CliContext(env, new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(err, true), false)) {
            int code = Main.run(ctx, args);
            return new Result(code, out.toString(), err.toString());
        }
    }

    /** Runs with the environment of {@link #environment(Path)} plus {@code extraEnv}. */
    public static Result run(Path home, Map<String, String> extraEnv, String... args) {
        Map<String, String> env = environment(home);
        env.putAll(extraEnv);
        return run(env, args);
    }
}
