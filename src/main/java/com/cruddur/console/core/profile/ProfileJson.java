package com.cruddur.console.core.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A profile as JSON, the one mapping for {@code profiles.json} and the CLI's {@code --json} output. A profile holds
 * no password, so neither does its JSON.
 */
public final class ProfileJson {
    private ProfileJson() {
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
