package com.cruddur.console.core.cognito;

import com.cruddur.console.core.profile.ParsedUri;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.profile.UriFormatException;
import com.cruddur.console.core.profile.UriParser;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The Lambda's database settings, read from {@code CONNECTION_URL} or {@code PG_HOSTNAME}, {@code PG_PORT},
 * {@code PG_DATABASE}, {@code PG_USERNAME}, {@code PG_PASSWORD}, with optional {@code PG_SSLMODE}.
 * Timeouts are short so that a failure is reported inside Cognito's 5-second limit.
 */
public final class LambdaDbConfig implements ConnectionSource {
    /** Longest wait for the TCP connect and for the login, in seconds. */
    public static final int MAX_CONNECT_TIMEOUT_SECONDS = 3;
    /** A statement (or a dead socket) is given up on after this many seconds. */
    public static final int SOCKET_TIMEOUT_SECONDS = 4;
    static final String APPLICATION_NAME = "cruddur-post-confirmation";

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final SslMode sslMode;
    private final String sslRootCert;
    private final int connectTimeoutSeconds;
    private final String origin;

    private LambdaDbConfig(String host, int port, String database, String user, String password, SslMode sslMode,
                           String sslRootCert, int connectTimeoutSeconds, String origin) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.sslMode = sslMode;
        this.sslRootCert = sslRootCert;
        this.connectTimeoutSeconds = connectTimeoutSeconds;
        this.origin = origin;
    }

    /** Reads the settings; throws {@link SignupException} naming the variables to set when something is missing. */
    public static LambdaDbConfig fromEnvironment(Map<String, String> env) {
        String url = value(env, "CONNECTION_URL");
        SslMode envSsl = sslModeFrom(env);
        if (url != null) {
            ParsedUri uri;
            try {
                uri = UriParser.parse(url);
            } catch (UriFormatException e) {
                throw new SignupException("CONNECTION_URL is not a valid connection URI: " + e.getMessage());
            }
            String pw = uri.hasPassword() ? uri.password() : value(env, "PG_PASSWORD");
            SslMode ssl = uri.sslMode() != null ? uri.sslMode() : envSsl != null ? envSsl : defaultSslMode(uri.host());
            int timeout = uri.connectTimeoutSeconds() == null ? MAX_CONNECT_TIMEOUT_SECONDS
                    : Math.min(uri.connectTimeoutSeconds(), MAX_CONNECT_TIMEOUT_SECONDS);
            return new LambdaDbConfig(uri.host(), uri.port(), uri.database(), uri.user(), pw, ssl, uri.sslRootCert(),
                    timeout, "CONNECTION_URL");
        }
        List<String> missing = new ArrayList<>();
        for (String name : List.of("PG_HOSTNAME", "PG_DATABASE", "PG_USERNAME", "PG_PASSWORD")) {
            if (value(env, name) == null) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            String hint = missing.contains("PG_PASSWORD") && value(env, "PG_SECRET") != null
                    ? " (PG_SECRET is set, but the password variable is PG_PASSWORD)" : "";
            throw new SignupException("database settings missing: set CONNECTION_URL "
                    + "(postgresql://user:password@host:5432/cruddur), or PG_HOSTNAME, PG_DATABASE, PG_USERNAME and "
                    + "PG_PASSWORD; not set: " + String.join(", ", missing) + hint);
        }
        String host = value(env, "PG_HOSTNAME");
        int port = portFrom(env);
        return new LambdaDbConfig(host, port, value(env, "PG_DATABASE"), value(env, "PG_USERNAME"),
                value(env, "PG_PASSWORD"), envSsl != null ? envSsl : defaultSslMode(host), null,
                MAX_CONNECT_TIMEOUT_SECONDS, "PG_* variables");
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static SslMode sslModeFrom(Map<String, String> env) {
        String text = value(env, "PG_SSLMODE");
        if (text == null) {
            return null;
        }
        try {
            return SslMode.parse(text);
        } catch (IllegalArgumentException e) {
            throw new SignupException("PG_SSLMODE: " + e.getMessage());
        }
    }

    private static int portFrom(Map<String, String> env) {
        String text = value(env, "PG_PORT");
        if (text == null) {
            return 5432;
        }
        if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw new SignupException("PG_PORT: '" + text + "' is not a port number between 1 and 65535");
        }
        return Integer.parseInt(text);
    }

    /** RDS (any non-loopback host) gets TLS by default; a local server gets libpq's default, prefer. */
    static SslMode defaultSslMode(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        boolean local = h.equals("localhost") || h.startsWith("127.") || h.equals("::1");
        return local ? SslMode.PREFER : SslMode.REQUIRE;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    public SslMode sslMode() {
        return sslMode;
    }

    public int connectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    /** The pgjdbc URL, without credentials. */
    public String jdbcUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
    }

    /** The pgjdbc connection properties, password included: hand them to the driver, never to a log. */
    public Properties properties() {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("sslmode", sslMode.id());
        if (sslRootCert != null) {
            p.setProperty("sslrootcert", sslRootCert);
        }
        p.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
        p.setProperty("loginTimeout", Integer.toString(connectTimeoutSeconds));
        p.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        p.setProperty("ApplicationName", APPLICATION_NAME);
        p.setProperty("tcpKeepAlive", "true");
        return p;
    }

    @Override
    public Connection open() throws SQLException {
        // The driver directly rather than DriverManager: no dependence on service loading in the Lambda's class loader.
        Connection c = new org.postgresql.Driver().connect(jdbcUrl(), properties());
        if (c == null) {
            throw new SQLException("the PostgreSQL driver did not accept " + jdbcUrl());
        }
        return c;
    }

    @Override
    public String describe() {
        return host + ":" + port + "/" + database + " as " + user + " (sslmode " + sslMode.id() + ", from " + origin
                + (password == null ? ", no password" : "") + ")";
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "LambdaDbConfig[" + describe() + "]";
    }
}
