package com.cruddur.console.core.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A profile as JSON, the one mapping for {@code profiles.json} and the CLI's {@code --json} output. A profile holds
 * no password, so neither does its JSON.
 *
 * <p>Format 2 added the password sources {@code aws-secret:} and {@code rds-iam} and the fields {@code awsProfile},
 * {@code awsRegion}, {@code awsEndpoint}. A file is written as format 1 while no profile uses them, so an older console
 * keeps reading it; a format-1 file reads as before (the new fields absent).
 */
public final class ProfileJson {
    /** The newest format this version reads and writes. */
    public static final int FORMAT_VERSION = 2;

    private ProfileJson() {
    }

    /** The oldest format that can hold these profiles: 1 unless one needs what format 2 added. */
    public static int formatVersionFor(java.util.List<ConnectionProfile> profiles) {
        return profiles.stream().anyMatch(p -> p.passwordSource().fromAws() || !p.aws().isEmpty()) ? 2 : 1;
    }

    /**
     * Puts the profile's fields into {@code n}; optional fields that are not set are left out, or written as null
     * when {@code withUnset} (output for scripts, which then see every key).
     */
    public static ObjectNode write(ConnectionProfile p, ObjectNode n, boolean withUnset) {
        n.put("name", p.name());
        n.put("environment", p.environment().id());
        n.put("host", p.host());
        n.put("port", p.port());
        n.put("database", p.database());
        n.put("user", p.user());
        n.put("passwordSource", p.passwordSource().id());
        n.put("sslMode", p.sslMode().id());
        putOptional(n, "sslRootCert", p.sslRootCert(), withUnset);
        n.put("readOnly", p.readOnly());
        n.put("connectTimeoutSeconds", p.connectTimeoutSeconds());
        n.put("statementTimeoutSeconds", p.statementTimeoutSeconds());
        n.put("applicationName", p.applicationName());
        putOptional(n, "projectDir", p.projectDir(), withUnset);
        putOptional(n, "rdsInstanceId", p.rdsInstanceId(), withUnset);
        putOptional(n, "awsProfile", p.aws().profile(), withUnset);
        putOptional(n, "awsRegion", p.aws().region(), withUnset);
        putOptional(n, "awsEndpoint", p.aws().endpoint(), withUnset);
        return n;
    }

    /** A profile from what {@link #write} wrote; missing fields take the defaults; not yet validated. */
    public static ConnectionProfile read(JsonNode n) {
        return ConnectionProfile.builder(text(n, "name", null))
                .environment(Environment.parse(text(n, "environment", "dev")))
                .host(text(n, "host", null))
                .port(n.path("port").asInt(ConnectionProfile.DEFAULT_PORT))
                .database(text(n, "database", null))
                .user(text(n, "user", null))
                .passwordSource(PasswordSource.parse(text(n, "passwordSource", "pgpass")))
                .sslMode(SslMode.parse(text(n, "sslMode", "prefer")))
                .sslRootCert(text(n, "sslRootCert", null))
                .readOnly(n.path("readOnly").asBoolean(false))
                .connectTimeoutSeconds(n.path("connectTimeoutSeconds").asInt(ConnectionProfile.DEFAULT_CONNECT_TIMEOUT))
                .statementTimeoutSeconds(n.path("statementTimeoutSeconds").asInt(0))
                .applicationName(text(n, "applicationName", null))
                .projectDir(text(n, "projectDir", null))
                .rdsInstanceId(text(n, "rdsInstanceId", null))
                .aws(new AwsAccess(text(n, "awsProfile", null), text(n, "awsRegion", null),
                        text(n, "awsEndpoint", null)))
                .build();
    }

    private static void putOptional(ObjectNode n, String key, String value, boolean withUnset) {
        if (value != null || withUnset) {
            n.put(key, value);
        }
    }

    private static String text(JsonNode n, String key, String fallback) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? fallback : v.asText();
    }
}
