package com.cruddur.console.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A second JVM on this test's class path ({@code java [options] -cp <class path> MainClass args}), for what one
 * process cannot show: two processes at once, kill -9, signals, a JVM started in another locale.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** A builder for {@code main} with {@code args}; the caller sets environment and redirections. */
    public static ProcessBuilder builder(Class<?> main, String... args) {
        return builder(List.of(), main, args);
    }

    /** As {@link #builder(Class, String...)}, with JVM options before the class path (e.g. -Duser.language=de). */
    public static ProcessBuilder builder(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }
}
