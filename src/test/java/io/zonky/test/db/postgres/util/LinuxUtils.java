package io.zonky.test.db.postgres.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for zonky 2.0.7's class of this name on the tests' class path (the test classes come before the jars).
 * Zonky's works out its two answers when it is loaded, which the first initdb or pg_ctl that zonky runs in a JVM does,
 * and to name the Linux distribution it writes a shell script to java.io.tmpdir, runs it and leaves it there: one
 * more file in /tmp per test JVM (1,589 here). Only zonky's default resolver of the binaries asks for that name, and
 * the tests give zonky the console's own archive instead (testsupport/TestPostgres); so the name is not known here.
 * Whether zonky runs PostgreSQL under {@code unshare -U} (as root, where PostgreSQL refuses to run) is decided as
 * zonky decides it, with no file. EmbeddedSharingTest checks that a test JVM's server leaves its temp folder empty.
 */
public final class LinuxUtils {
    private static final boolean UNSHARE_AVAILABLE = unshareAvailable();

    private LinuxUtils() {
    }

    /** Not known here: only zonky's default resolver asks, and the tests do not use it. */
    public static String getDistributionName() {
        return null;
    }

    /** True as root on Linux where {@code unshare -U} gives a user that is not root, as zonky's own test says. */
    public static boolean isUnshareAvailable() {
        return UNSHARE_AVAILABLE;
    }

    private static boolean unshareAvailable() {
        if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")
                || new com.sun.security.auth.module.UnixSystem().getUid() != 0) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("unshare", "-U", "id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
