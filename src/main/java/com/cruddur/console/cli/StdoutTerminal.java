package com.cruddur.console.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether this process's stdout is a terminal, the test psql makes before it fits a table to the screen. */
final class StdoutTerminal {
    private StdoutTerminal() {
    }

    /**
     * Up to JDK 21 {@link System#console()} exists only when stdin and stdout are both terminals; from JDK 22 it may
     * exist for a pipe too, and {@code Console.isTerminal()} (looked up by name: the build targets 17) tells.
     * Stdin redirected with stdout on a terminal counts as no terminal: whole values are the safe side.
     */
    static boolean detect() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException beforeJdk22) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException unknown) {
            return false;
        }
    }
}
