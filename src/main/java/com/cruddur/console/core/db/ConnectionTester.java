package com.cruddur.console.core.db;

import com.cruddur.console.core.profile.ConnectionProfile;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/** "Test connection": connects with the profile's exact settings and reports version, round trip and TLS. */
public final class ConnectionTester {
    private static final int ROUND_TRIPS = 5;
    private final ConnectionFactory factory;

    public ConnectionTester(ConnectionFactory factory) {
        this.factory = factory;
    }

    /** A protected profile that connected records the server it reached (see {@link TargetProtection}). */
    private void remember(ConnectionProfile profile, Connection c) throws SQLException {
        TargetProtection protection = factory.protection().orElse(null);
        if (protection != null && profile.isProtected()) {
            protection.onceConnected(profile, protection.beforeConnecting(profile),
                    ServerIdentities.read(c, profile.database()));
        }
    }

    /** Tests the profile; a failure comes back as a {@link DbProblem} saying what to do. */
    public ConnectionCheck test(ConnectionProfile profile) throws DbProblem {
        String endpoint = factory.endpoint(profile).toString();
        long t0 = System.nanoTime();
        try (Connection c = factory.open(profile, profile.database())) {
            long connectMillis = (System.nanoTime() - t0) / 1_000_000;
            try (Statement st = c.createStatement(); Statement info = c.createStatement()) {
                // A server that lets us log in and then stalls must not hang the test either.
                st.setQueryTimeout(Math.max(profile.connectTimeoutSeconds(), 1));
                info.setQueryTimeout(Math.max(profile.connectTimeoutSeconds(), 1));
                try (ResultSet rs = info.executeQuery("SELECT current_setting('server_version'), version(), current_user,"
                        + " current_database(), current_setting('default_transaction_read_only'),"
                        + " s.ssl, s.version, (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user),"
                        + " (SELECT pg_catalog.string_agg(g.rolname, ', ' ORDER BY g.rolname) FROM pg_catalog.pg_roles g"
                        + " WHERE g.rolname = ANY ('{" + String.join(",", ReadOnlyRoleService.SERVER_POWERS) + "}')"
                        + " AND pg_catalog.pg_has_role(current_user, g.oid, 'MEMBER')) FROM (SELECT 1) one"
                        + " LEFT JOIN pg_stat_ssl s ON s.pid = pg_backend_pid()")) {
                    rs.next();
                    String version = rs.getString(1);
                    String banner = rs.getString(2);
                    String user = rs.getString(3);
                    String database = rs.getString(4);
                    boolean readOnly = "on".equals(rs.getString(5));
                    boolean tls = rs.getBoolean(6);
                    String tlsVersion = rs.getString(7);
                    double[] trips = new double[ROUND_TRIPS];
                    for (int i = 0; i < ROUND_TRIPS; i++) {
                        long s = System.nanoTime();
                        try (ResultSet one = st.executeQuery("SELECT 1")) {
                            one.next();
                        }
                        trips[i] = (System.nanoTime() - s) / 1e6;
                    }
                    Arrays.sort(trips);
                    remember(profile, c);
                    String note = profile.isProtected() ? boundaryNote(profile, user, rs.getBoolean(8), rs.getString(9))
                            : null;
                    return new ConnectionCheck(endpoint, version, banner, user, database, connectMillis,
                            trips[ROUND_TRIPS / 2], tls, tlsVersion, readOnly, note);
                }
            }
        } catch (SQLException e) {
            throw DbErrors.explain(e, profile, profile.database(), endpoint);
        }
    }

    /**
     * The console's guards on a protected profile (read-only transactions, the volatility rule) keep honest mistakes
     * out; a login that may do anything on the server can step around them, so the test says where the boundary is.
     */
    private static String boundaryNote(ConnectionProfile profile, String user, boolean superuser, String powers) {
        if (!superuser && powers == null) {
            return null;
        }
        String what = superuser ? "is a superuser" : "is a member of " + powers;
        return "Note: user " + user + " " + what + ", so on this protected profile the role, not the console, is the"
                + " boundary — connect as a role without those rights (profiles make-readonly-role " + profile.name()
                + ", or Read-only role… in the Connections tab)";
    }
}
