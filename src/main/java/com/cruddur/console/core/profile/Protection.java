package com.cruddur.console.core.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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

    /**
     * The protection for a target whose server said it is {@code reached}: that of every protected profile that
     * reached the same database of the same server when it last connected ({@code reachedBy}). This is the boundary:
     * it holds however the target spelled its host (another name, an address alias, a tunnel on another port).
     */
    public static Optional<Protection> ofServer(ServerIdentity reached, List<ConnectionProfile> profiles,
                                                Function<ConnectionProfile, Optional<ServerIdentity>> reachedBy) {
        boolean prod = false;
        boolean readOnly = false;
        List<String> matched = new ArrayList<>();
        for (ConnectionProfile p : profiles) {
            if (p.isProtected() && reachedBy.apply(p).filter(reached::sameDatabaseAs).isPresent()) {
                prod |= p.isProd();
                readOnly |= p.readOnly();
                matched.add("profile " + p.name());
            }
        }
        return matched.isEmpty() ? Optional.empty()
                : Optional.of(new Protection(prod ? Environment.PROD : Environment.OTHER, readOnly, List.copyOf(matched)));
    }

    /** The stricter of the two, naming what each matched. */
    public Protection and(Protection other) {
        List<String> both = new ArrayList<>(matched);
        other.matched.stream().filter(m -> !both.contains(m)).forEach(both::add);
        return new Protection(environment == Environment.PROD || other.environment == Environment.PROD
                ? Environment.PROD : Environment.OTHER, readOnly || other.readOnly, List.copyOf(both));
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
     * Same server and database by what the targets say (the cheap first check; the server's own answer is
     * {@link #ofServer}): see {@link HostNames#sameHost}. Database names are case-sensitive in PostgreSQL, so they
     * compare exactly.
     */
    static boolean sameDatabase(String hostA, int portA, String dbA, String hostB, int portB, String dbB) {
        return portA == portB && dbA != null && dbA.equals(dbB) && HostNames.sameHost(hostA, hostB);
    }

    static boolean sameHost(String a, String b) {
        return HostNames.sameHost(a, b);
    }
}
