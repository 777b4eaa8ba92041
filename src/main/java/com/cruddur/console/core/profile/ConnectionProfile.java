package com.cruddur.console.core.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A named way to reach one PostgreSQL database. Holds no password: only where to find one.
 *
 * @param embedded true for the built-in local profile backed by the embedded PostgreSQL; its port is
 *                 decided when that server starts, so {@code port} is ignored
 * @param projectDir optional project folder whose {@code db/schema.sql} and {@code db/seed.sql} are used
 * @param rdsInstanceId optional RDS instance this profile is linked to
 * @param aws which AWS profile, region and endpoint an {@code aws-secret} or {@code rds-iam} password comes through
 *            ({@link AwsAccess#NONE} when the console's AWS settings apply)
 */
public record ConnectionProfile(
        String name,
        Environment environment,
        String host,
        int port,
        String database,
        String user,
        PasswordSource passwordSource,
        SslMode sslMode,
        String sslRootCert,
        boolean readOnly,
        int connectTimeoutSeconds,
        int statementTimeoutSeconds,
        String applicationName,
        boolean embedded,
        String projectDir,
        String rdsInstanceId,
        AwsAccess aws) {

    public static final int DEFAULT_PORT = 5432;
    public static final int DEFAULT_CONNECT_TIMEOUT = 5;
    public static final int DEFAULT_STATEMENT_TIMEOUT = 0;
    /**
     * The statement timeout, in seconds, of browsing sessions (Browse, export, the session list) on a protected target
     * whose profile sets none: a forgotten query on production ends on its own. Changing, migrating and resetting
     * sessions keep the profile's own setting.
     */
    public static final int PROTECTED_BROWSE_TIMEOUT = 30;
    public static final String DEFAULT_APPLICATION_NAME = "cruddur-console";
    public static final String LOCAL_NAME = "local";
    /** The largest statement_timeout the server accepts, in seconds: it holds milliseconds in an int. */
    public static final int MAX_STATEMENT_TIMEOUT_SECONDS = Integer.MAX_VALUE / 1000;

    public ConnectionProfile {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(passwordSource, "passwordSource");
        Objects.requireNonNull(sslMode, "sslMode");
        if (applicationName == null || applicationName.isBlank()) {
            applicationName = DEFAULT_APPLICATION_NAME;
        }
        sslRootCert = blankToNull(sslRootCert);
        projectDir = blankToNull(projectDir);
        rdsInstanceId = blankToNull(rdsInstanceId);
        aws = aws == null ? AwsAccess.NONE : aws;
    }

    /** Every problem with the profile's fields, each naming the field; empty when it can be saved. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!isValidName(name)) {
            problems.add("name: use letters, digits, '-', '_' or '.' (1-64 characters)");
        }
        if (!embedded) {
            if (host == null || host.isBlank()) {
                problems.add("host: required (e.g. localhost or the RDS endpoint)");
            } else if (host.chars().anyMatch(Character::isWhitespace)) {
                problems.add("host: must not contain spaces");
            }
            if (port < 1 || port > 65535) {
                problems.add("port: must be between 1 and 65535");
            }
        }
        if (database == null || database.isBlank()) {
            problems.add("database: required (e.g. cruddur)");
        }
        if (user == null || user.isBlank()) {
            problems.add("user: required (e.g. postgres)");
        }
        if (sslMode.verifiesCertificate() && sslRootCert == null) {
            problems.add("root certificate: sslmode " + sslMode.id()
                    + " needs a root certificate file (for RDS, the region's bundle from AWS)");
        }
        if (connectTimeoutSeconds < 1 || connectTimeoutSeconds > 600) {
            problems.add("connect timeout: between 1 and 600 seconds");
        }
        if (statementTimeoutSeconds < 0 || statementTimeoutSeconds > MAX_STATEMENT_TIMEOUT_SECONDS) {
            problems.add("statement timeout: 0 (none) to " + MAX_STATEMENT_TIMEOUT_SECONDS + " seconds (PostgreSQL keeps"
                    + " it in milliseconds in a 32-bit integer)");
        }
        if (passwordSource.kind() == PasswordSource.Kind.RDS_IAM && !sslMode.requiresEncryption()) {
            problems.add("sslmode: an RDS IAM token is only sent over TLS; use require, verify-ca or verify-full"
                    + " (not " + sslMode.id() + ")");
        }
        problems.addAll(aws.problems());
        return problems;
    }

    /** Throws with every field problem listed when the profile cannot be saved. */
    public ConnectionProfile validated() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidProfileException("profile '" + name + "' is not valid: " + String.join("; ", problems));
        }
        return this;
    }

    public static boolean isValidName(String name) {
        return name != null && name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    }

    /** Production or read-only: destructive operations need the typed database name. */
    public boolean isProtected() {
        return environment == Environment.PROD || readOnly;
    }

    public boolean isProd() {
        return environment == Environment.PROD;
    }

    /** "host:port/database" for messages; never contains a password. */
    public String describeTarget() {
        return (embedded ? "embedded PostgreSQL" : hostForUri(host) + ":" + port) + "/" + database;
    }

    static String hostForUri(String host) {
        return host != null && host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Mutable builder so forms and parsers can fill a profile field by field. */
    public static final class Builder {
        private String name;
        private Environment environment = Environment.DEV;
        private String host = "localhost";
        private int port = DEFAULT_PORT;
        private String database = "cruddur";
        private String user = "postgres";
        private PasswordSource passwordSource = PasswordSource.PGPASS;
        private SslMode sslMode = SslMode.PREFER;
        private String sslRootCert;
        private boolean readOnly;
        private boolean readOnlySet;
        private int connectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT;
        private int statementTimeoutSeconds = DEFAULT_STATEMENT_TIMEOUT;
        private String applicationName = DEFAULT_APPLICATION_NAME;
        private boolean embedded;
        private String projectDir;
        private String rdsInstanceId;
        private AwsAccess aws = AwsAccess.NONE;

        private Builder(String name) {
            this.name = name;
        }

        private Builder(ConnectionProfile p) {
            name = p.name;
            environment = p.environment;
            host = p.host;
            port = p.port;
            database = p.database;
            user = p.user;
            passwordSource = p.passwordSource;
            sslMode = p.sslMode;
            sslRootCert = p.sslRootCert;
            readOnly = p.readOnly;
            readOnlySet = true;
            connectTimeoutSeconds = p.connectTimeoutSeconds;
            statementTimeoutSeconds = p.statementTimeoutSeconds;
            applicationName = p.applicationName;
            embedded = p.embedded;
            projectDir = p.projectDir;
            rdsInstanceId = p.rdsInstanceId;
            aws = p.aws;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder environment(Environment v) { environment = v; return this; }
        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder database(String v) { database = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder passwordSource(PasswordSource v) { passwordSource = v; return this; }
        public Builder sslMode(SslMode v) { sslMode = v; return this; }
        public Builder sslRootCert(String v) { sslRootCert = v; return this; }
        public Builder readOnly(boolean v) { readOnly = v; readOnlySet = true; return this; }
        public Builder connectTimeoutSeconds(int v) { connectTimeoutSeconds = v; return this; }
        public Builder statementTimeoutSeconds(int v) { statementTimeoutSeconds = v; return this; }
        public Builder applicationName(String v) { applicationName = v; return this; }
        public Builder embedded(boolean v) { embedded = v; return this; }
        public Builder projectDir(String v) { projectDir = v; return this; }
        public Builder rdsInstanceId(String v) { rdsInstanceId = v; return this; }
        public Builder aws(AwsAccess v) { aws = v; return this; }

        /** Builds the profile; prod profiles are read-only unless read-only was set explicitly. */
        public ConnectionProfile build() {
            boolean ro = readOnlySet ? readOnly : environment == Environment.PROD;
            return new ConnectionProfile(name, environment, host, port, database, user, passwordSource, sslMode,
                    sslRootCert, ro, connectTimeoutSeconds, statementTimeoutSeconds, applicationName, embedded,
                    projectDir, rdsInstanceId, aws);
        }
    }
}
