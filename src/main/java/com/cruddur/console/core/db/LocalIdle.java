package com.cruddur.console.core.db;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the embedded server keeps running after the last console process has left it, so that the next command
 * finds it running instead of starting it: {@value #ENV} ({@code 300}, {@code 90s}, {@code 5m}, {@code 1h}; {@code 0}
 * stops it as soon as the last process leaves). A value that is not a duration is reported when the server is first
 * needed, not at every start of the console.
 */
public record LocalIdle(Duration idle, String problem) {
    public static final String ENV = "CRUDDUR_CONSOLE_LOCAL_IDLE";
    static final String PROPERTY = "cruddur.console.localIdle";
    public static final Duration DEFAULT = Duration.ofMinutes(5);
    /** Longer than this is a server nobody means to keep: refused so a typo cannot keep it running for days. */
    static final Duration MAX = Duration.ofDays(1);
    private static final Pattern VALUE = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

    /** The default, or what {@code value} says. */
    public static LocalIdle parse(String value) {
        if (value == null || value.isBlank()) {
            return new LocalIdle(DEFAULT, null);
        }
        Matcher m = VALUE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            Duration d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
            if (d.compareTo(MAX) <= 0) {
                return new LocalIdle(d, null);
            }
        }
        return new LocalIdle(DEFAULT, ENV + "=" + value + " is not an idle time the console takes: give seconds (300)"
                + " or 90s, 5m, 1h (at most 24h); 0 stops the local server as soon as the last console process exits");
    }

    /**
     * From the environment's {@value #ENV}, else the system property {@value #PROPERTY} (the tests' build sets it, so
     * test homes given an environment of their own do not leave servers running), else the default.
     */
    public static LocalIdle from(Map<String, String> env) {
        String value = env.get(ENV);
        return parse(value != null ? value : System.getProperty(PROPERTY));
    }

    /** Stop at once when the last process leaves, as before the server lingered. */
    public boolean stopAtOnce() {
        return idle.isZero();
    }

    /** Human words for the idle time ("5 min", "90 s", "at once"). */
    public static String describe(Duration d) {
        if (d.isZero()) {
            return "at once";
        }
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + " min";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
