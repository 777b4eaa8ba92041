package com.cruddur.console.core.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The protection a target borrows from the protected profiles that reach the same server and database: an ad-hoc
 * {@code --url} to prod's database is prod. The strictest of them wins: prod when any is prod, read-only when any is
 * read-only. PROD_CONNECTION_URL counts as the read-only prod profile its import makes, unless a saved profile
 * already reaches that database: then that profile's own read-only choice stands, so unticking read-only on the saved
 * prod profile is how a user says otherwise (destructive work still needs the typed database name there).
 *
 * @param environment {@link Environment#PROD} or the environment of the matched read-only profile
 * @param readOnly    whether sessions open read-only
 * @param matched     what was matched, for a note to the user ("profile prod", "PROD_CONNECTION_URL")
 */
public record Protection(Environment environment, boolean readOnly, List<String> matched) {
    /** The variable the team keeps the production URI in. */
    public static final String PROD_URL_VARIABLE = "PROD_CONNECTION_URL";

    /** The protection for {@code host:port/database}, if a protected profile or PROD_CONNECTION_URL reaches it. */
    public static Optional<Protection> of(String host, int port, String database, List<ConnectionProfile> profiles,
                                          Map<String, String> env) {
        boolean prod = false;
        boolean readOnly = false;
        List<String> matched = new ArrayList<>();
        for (ConnectionProfile p : profiles) {
            if (!p.embedded() && p.isProtected() && sameDatabase(p.host(), p.port(), p.database(), host, port, database)) {
                prod |= p.isProd();
                readOnly |= p.readOnly();
                matched.add("profile " + p.name());
            }
        }
        if (matched.isEmpty() && prodUrlReaches(env, host, port, database)) {
            prod = true;
            readOnly = true;
            matched.add(PROD_URL_VARIABLE);
        }
        return matched.isEmpty() ? Optional.empty()
                : Optional.of(new Protection(prod ? Environment.PROD : Environment.OTHER, readOnly, List.copyOf(matched)));
    }

    /** {@code adHoc} with this protection: its environment and read-only setting. */
    public ConnectionProfile applyTo(ConnectionProfile adHoc) {
        return adHoc.toBuilder().environment(environment).readOnly(readOnly).build();
    }

    /** One line for the user, e.g. "reaches the same database as profile prod: treated as prod, read-only". */
    public String describe() {
        return "reaches the same database as " + String.join(" and ", matched) + ": treated as "
                + environment.id() + (readOnly ? ", read-only" : "");
    }

    private static boolean prodUrlReaches(Map<String, String> env, String host, int port, String database) {
        String value = env.get(PROD_URL_VARIABLE);
        if (value == null || value.isBlank()) {
            return false;
        }
        try {
            ParsedUri prod = UriParser.parse(value);
            return sameDatabase(prod.host(), prod.port(), prod.database(), host, port, database);
        } catch (IllegalArgumentException unreadable) {
            return false; // reported when it is imported
        }
    }

    /**
     * Same server and database: host names compare case-insensitively (a trailing dot and IPv6 brackets ignored),
     * and every name for this machine's loopback (localhost, 127.x.x.x, ::1) is the same host. Database names are
     * case-sensitive in PostgreSQL, so they compare exactly. No DNS lookup: a name that resolves to the same address
     * as another is not seen as the same.
     */
    static boolean sameDatabase(String hostA, int portA, String dbA, String hostB, int portB, String dbB) {
        return portA == portB && dbA != null && dbA.equals(dbB) && sameHost(hostA, hostB);
    }

    static boolean sameHost(String a, String b) {
        String x = normalise(a);
        String y = normalise(b);
        return x.equals(y) || isLoopback(x) && isLoopback(y);
    }

    private static String normalise(String host) {
        String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static boolean isLoopback(String h) {
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("ip6-localhost")
                || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || h.matches("127(\\.\\d{1,3}){3}");
    }
}
