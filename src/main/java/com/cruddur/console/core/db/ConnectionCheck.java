package com.cruddur.console.core.db;

/** What "Test connection" found out about a server. */
public record ConnectionCheck(String endpoint, String serverVersion, String versionBanner, String user,
                              String database, long connectMillis, double roundTripMillis, boolean tls,
                              String tlsVersion, boolean readOnly) {

    /** One line for the status bar or the CLI. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "PostgreSQL %s at %s — connected in %d ms, round trip %.1f ms, %s%s",
                serverVersion, endpoint, connectMillis, roundTripMillis,
                tls ? "TLS on (" + tlsVersion + ")" : "TLS off",
                readOnly ? ", read-only" : "");
    }
}
