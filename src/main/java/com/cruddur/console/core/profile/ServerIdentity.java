package com.cruddur.console.core.profile;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * Who a server said it was when the console connected: its address and port as the server sees them, its cluster's
 * system identifier when the login may read it, and the database with its oid. Not secret: kept beside the profiles so
 * that a target spelled another way (an IP alias, a tunnel, another DNS name) is still known to reach a protected
 * database.
 *
 * @param serverAddress    the server's own end of the connection ({@code inet_server_addr()}), normalised: every
 *                         loopback or wildcard address is {@link #LOOPBACK}; null for a Unix socket
 * @param serverPort       the port the server listens on ({@code inet_server_port()}), 0 when unknown
 * @param systemIdentifier {@code pg_control_system().system_identifier}, or null where the server does not let this
 *                         login read it (a non-superuser before the grant, RDS)
 * @param database         the database's name
 * @param databaseOid      its oid in {@code pg_database}, or 0 when it does not exist (yet)
 */
public record ServerIdentity(String serverAddress, int serverPort, String systemIdentifier, String database,
                             long databaseOid) {
    /** What every loopback and wildcard address of the server's machine is normalised to. */
    public static final String LOOPBACK = "loopback";

    public ServerIdentity {
        Objects.requireNonNull(database, "database");
        serverAddress = normaliseAddress(serverAddress);
    }

    /**
     * True when both name the same database of the same cluster. The cluster is the same when the system identifiers
     * are equal, or when the server's address and port are (so a login that cannot read the identifier still
     * matches); the database is the same by name, or by oid within a cluster known by its identifier (a renamed
     * database is still the one that was protected).
     */
    public boolean sameDatabaseAs(ServerIdentity other) {
        boolean sameSystem = systemIdentifier != null && systemIdentifier.equals(other.systemIdentifier);
        boolean sameAddress = serverAddress != null && serverAddress.equals(other.serverAddress)
                && serverPort != 0 && serverPort == other.serverPort;
        if (!sameSystem && !sameAddress) {
            return false;
        }
        return database.equals(other.database) || sameSystem && databaseOid != 0 && databaseOid == other.databaseOid;
    }

    /** An address as the server printed it, as one text per host: loopback and wildcard addresses are one. */
    public static String normaliseAddress(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        String a = address.trim();
        int slash = a.indexOf('/');
        if (slash >= 0) {
            a = a.substring(0, slash); // inet text may carry a netmask
        }
        if (!a.contains(":") && !a.matches("[0-9.]+")) {
            return a.toLowerCase(Locale.ROOT); // not an address literal: never looked up
        }
        try {
            InetAddress parsed = InetAddress.getByName(a);
            return parsed.isLoopbackAddress() || parsed.isAnyLocalAddress() ? LOOPBACK : parsed.getHostAddress();
        } catch (UnknownHostException notAnAddress) {
            return a.toLowerCase(Locale.ROOT);
        }
    }
}
