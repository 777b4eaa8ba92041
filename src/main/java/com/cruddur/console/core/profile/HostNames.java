package com.cruddur.console.core.profile;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Whether two host spellings name the same host, as the cheap first check of {@link Protection} (the server's own
 * answer, {@link ServerIdentity}, is the boundary). Names compare case-insensitively with a trailing dot and IPv6
 * brackets ignored (RDS endpoints in any case); then both are resolved as the driver would ({@link InetAddress}: so
 * {@code 127.1}, {@code 2130706433} and {@code ::ffff:127.0.0.1} are {@code 127.0.0.1}) and the same when an address
 * is shared; every loopback and wildcard address ({@code 0.0.0.0}, {@code ::}, which reach this machine) is one.
 */
final class HostNames {
    private HostNames() {
    }

    static boolean sameHost(String a, String b) {
        String x = normalise(a);
        String y = normalise(b);
        if (x.isEmpty() || y.isEmpty()) {
            return false;
        }
        if (x.equals(y) || isLoopbackName(x) && isLoopbackName(y)) {
            return true;
        }
        return !Collections.disjoint(addresses(x), addresses(y));
    }

    static String normalise(String host) {
        String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static boolean isLoopbackName(String h) {
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("ip6-localhost");
    }

    /** The host's addresses as texts (loopback and wildcard ones as one); empty when it does not resolve. */
    private static Set<String> addresses(String host) {
        Set<String> out = new HashSet<>();
        if (isLoopbackName(host)) {
            out.add(ServerIdentity.LOOPBACK);
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                out.add(a.isLoopbackAddress() || a.isAnyLocalAddress() ? ServerIdentity.LOOPBACK : a.getHostAddress());
            }
        } catch (UnknownHostException | SecurityException unresolved) {
            // compared by name only
        }
        return out;
    }
}
