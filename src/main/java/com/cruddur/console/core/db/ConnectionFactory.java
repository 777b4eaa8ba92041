package com.cruddur.console.core.db;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * Builds JDBC connections exactly as a profile says: sslmode with libpq's meaning, connect timeout covering
 * the whole log-in (so a silent host never hangs), statement timeout and read-only mode set on the server.
 */
public final class ConnectionFactory {
    /** Where a profile's server is right now (the embedded server's port is only known once it runs). */
    public record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** A ready JDBC URL and properties; {@code toString} never shows the password. */
    public record JdbcSpec(String url, Properties properties) {
        @Override
        public String toString() {
            return url;
        }
    }

    /**
     * How often a session's server checks, while a query runs, that the console is still there
     * ({@code client_connection_check_interval}, PostgreSQL 14+): a killed console's query ends soon after, instead of
     * running on (and holding its locks) until it finishes.
     */
    static final String CLIENT_CHECK_INTERVAL = "2s";
    /**
     * The server's TCP keepalives on the console's sessions, for a client whose machine or network vanished (the only
     * check before PostgreSQL 14): first probe after this many idle seconds, then every {@link #KEEPALIVE_INTERVAL}
     * seconds, {@link #KEEPALIVE_COUNT} times. All well below the operating system's default of two hours.
     */
    static final int KEEPALIVE_IDLE = 30;
    static final int KEEPALIVE_INTERVAL = 10;
    static final int KEEPALIVE_COUNT = 3;

    private final PasswordResolver passwords;
    private final EmbeddedDatabase embedded;
    private final TargetProtection protection;

    /** A factory whose targets decide protection by their profiles alone (tests of other parts). */
    public ConnectionFactory(PasswordResolver passwords, EmbeddedDatabase embedded) {
        this(passwords, embedded, null);
    }

    /** @param protection decides every target's protection by what it reaches (null: by its profile alone) */
    public ConnectionFactory(PasswordResolver passwords, EmbeddedDatabase embedded, TargetProtection protection) {
        this.passwords = passwords;
        this.embedded = embedded;
        this.protection = protection;
    }

    /** Where every target asks whether it is protected; empty only in tests that wire no profiles. */
    public Optional<TargetProtection> protection() {
        return Optional.ofNullable(protection);
    }

    public PasswordResolver passwords() {
        return passwords;
    }

    /** The host and port to use, starting the embedded server first for the local profile. */
    public Endpoint endpoint(ConnectionProfile p) throws DbProblem {
        if (p.embedded()) {
            return new Endpoint("localhost", embedded.start());
        }
        return new Endpoint(p.host(), p.port());
    }

    /**
     * The password for connecting to {@code database} with the profile: the embedded server's own for the local
     * profile, else from the profile's password source. For the driver or a child's environment only.
     */
    public Optional<String> password(ConnectionProfile p, String database) throws DbProblem {
        return password(p, endpoint(p), database);
    }

    private Optional<String> password(ConnectionProfile p, Endpoint ep, String database) throws DbProblem {
        if (p.embedded()) {
            return Optional.of(embedded.password());
        }
        return passwords.resolve(p, ep.host(), ep.port(), database);
    }

    /** URL and properties (password included) for connecting to {@code database} with the profile's settings. */
    public JdbcSpec spec(ConnectionProfile p, String database) throws DbProblem {
        Endpoint ep = endpoint(p);
        Properties props = new Properties();
        props.setProperty("user", p.user());
        password(p, ep, database).ifPresent(pw -> props.setProperty("password", pw));
        props.setProperty("sslmode", p.sslMode().id());
        if (p.sslRootCert() != null) {
            props.setProperty("sslrootcert", p.sslRootCert());
        }
        if (p.sslMode() == SslMode.DISABLE) {
            props.setProperty("ssl", "false");
        }
        props.setProperty("connectTimeout", Integer.toString(p.connectTimeoutSeconds()));
        // loginTimeout bounds the whole start-up, including a host that accepts TCP and then says nothing.
        props.setProperty("loginTimeout", Integer.toString(p.connectTimeoutSeconds()));
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("gssEncMode", "disable");
        props.setProperty("ApplicationName", p.applicationName());
        // Extended protocol: one Parse message per statement, which browse's user WHERE text relies on (never "simple").
        props.setProperty("preferQueryMode", "extended");
        StringBuilder options = new StringBuilder();
        // Settable by any login on every supported version, so safe in the start-up packet (unlike the check interval).
        options.append("-c tcp_keepalives_idle=").append(KEEPALIVE_IDLE)
                .append(" -c tcp_keepalives_interval=").append(KEEPALIVE_INTERVAL)
                .append(" -c tcp_keepalives_count=").append(KEEPALIVE_COUNT).append(' ');
        if (p.readOnly()) {
            // Enforced by the server, not by guessing statement types in the app.
            options.append("-c default_transaction_read_only=on ");
        }
        if (p.statementTimeoutSeconds() > 0) {
            options.append("-c statement_timeout=").append(p.statementTimeoutSeconds()).append("s ");
        }
        props.setProperty("options", options.toString().trim());
        String url = "jdbc:postgresql://" + ep + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
        return new JdbcSpec(url, props);
    }

    /**
     * A new unpooled connection to {@code database}, within the profile's connect timeout; failures come back
     * explained at once. A password the server refused is forgotten, so the next connect asks again; a password from a
     * secret is read again at once and, when the secret was rotated meanwhile, tried once more.
     */
    public Connection open(ConnectionProfile p, String database) throws DbProblem {
        JdbcSpec spec = spec(p, database);
        boolean typed = passwords.remembers(p);
        try {
            return connect(spec, p, database);
        } catch (DbProblem problem) {
            if (problem.kind() == DbProblem.Kind.PASSWORD_MISSING) {
                throw reworded(problem, p, typed);
            }
            if (problem.kind() != DbProblem.Kind.AUTH_FAILED) {
                throw problem;
            }
            String refused = spec.properties().getProperty("password");
            Optional<String> rotated = refused == null ? Optional.empty()
                    : passwords.refetchAfterRefusal(p, refused);
            if (rotated.isEmpty()) {
                passwords.forget(p);
                throw reworded(problem, p, typed);
            }
            spec.properties().setProperty("password", rotated.get());
            try {
                return connect(spec, p, database);
            } catch (DbProblem again) {
                if (again.kind() == DbProblem.Kind.AUTH_FAILED) {
                    passwords.forget(p);
                    throw reworded(again, p, typed);
                }
                throw again;
            }
        }
    }

    private Connection connect(JdbcSpec spec, ConnectionProfile p, String database) throws DbProblem {
        Connection c;
        try {
            c = DriverManager.getConnection(spec.url(), spec.properties());
        } catch (SQLException e) {
            throw DbErrors.explainConnect(e, p, database, endpoint(p).toString(),
                    spec.properties().containsKey("password"));
        }
        try {
            checkForVanishedClient(c);
            return c;
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the explained failure below is what counts
            }
            throw DbErrors.explainConnect(e, p, database, endpoint(p).toString(),
                    spec.properties().containsKey("password"));
        }
    }

    /**
     * Makes the server check for a vanished console while a query runs (PostgreSQL 14+). Set after log-in, not in the
     * start-up packet: an older server refuses a parameter it does not know there, and the log-in with it.
     */
    private static void checkForVanishedClient(Connection c) throws SQLException {
        if (c.getMetaData().getDatabaseMajorVersion() >= 14) {
            try (Statement st = c.createStatement()) {
                st.execute("SET client_connection_check_interval = '" + CLIENT_CHECK_INTERVAL + "'");
            }
        }
    }

    /**
     * A refusal explained for the sources that come from AWS (what to check there), and for a pgpass file: which
     * file was read ($PGPASSFILE when set) and which line would hold the password.
     */
    private DbProblem reworded(DbProblem refused, ConnectionProfile p, boolean typed) {
        String user = p.user();
        if (p.passwordSource().kind() == PasswordSource.Kind.PGPASS && !typed) {
            String file = passwords.pgPass().file().toString();
            String line = p.host() + ":" + p.port() + ":" + p.database() + ":" + user + ":PASSWORD";
            return new DbProblem(refused.kind(), refused.kind() == DbProblem.Kind.AUTH_FAILED
                    ? "password authentication failed for user " + user + " — check the password source of profile "
                    + p.name() + ": the password in " + file + " was refused; correct its line " + line
                    + " (or choose 'ask')"
                    : "the server wants a password for user " + user + " but " + file + " has no line for it — add "
                    + line + " there (mode 0600), or choose 'ask' in profile " + p.name(), refused.getSQLState(),
                    refused);
        }
        return switch (p.passwordSource().kind()) {
            case AWS_SECRET -> new DbProblem(refused.kind(), "password authentication failed for user " + user
                    + " with the password in " + p.passwordSource().describe() + " (read again just now, so it is the"
                    + " current one) — check that the secret belongs to this instance and user (profile " + p.name()
                    + ")", refused.getSQLState(), refused);
            case RDS_IAM -> new DbProblem(refused.kind(), "the server refused the IAM token for user " + user
                    + " — the instance needs IAM database authentication turned on, the user needs GRANT rds_iam TO "
                    + user + ", and the signed-in AWS identity needs the IAM permission 'rds-db:connect' for this"
                    + " user (profile " + p.name() + ")", refused.getSQLState(), refused);
            default -> refused;
        };
    }
}
