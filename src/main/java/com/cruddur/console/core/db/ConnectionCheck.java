package com.cruddur.console.core.db;

/**
 * What "Test connection" found out about a server.
 *
 * @param boundaryNote on a protected profile whose login may act on the server (a superuser, or a member of a role
 *                     that signals sessions or reaches server files): that the role, not the console, is the
 *                     boundary; otherwise null
 */
public record ConnectionCheck(String endpoint, String serverVersion, String versionBanner, String user,
                              String database, long connectMillis, double roundTripMillis, boolean tls,
                              String tlsVersion, boolean readOnly, String boundaryNote) {

    public ConnectionCheck(String endpoint, String serverVersion, String versionBanner, String user, String database,
                           long connectMillis, double roundTripMillis, boolean tls, String tlsVersion, boolean readOnly) {
        this(endpoint, serverVersion, versionBanner, user, database, connectMillis, roundTripMillis, tls, tlsVersion,
                readOnly, null);
    }

    /** One line for the status bar or the CLI. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "PostgreSQL %s at %s — connected in %d ms, round trip %.1f ms, %s%s",
                serverVersion, endpoint, connectMillis, roundTripMillis,
                tls ? "TLS on (" + tlsVersion + ")" : "TLS off",
                readOnly ? ", read-only" : "") + (boundaryNote == null ? "" : ". " + boundaryNote);
    }
}
