package com.cruddur.console.core.profile;

import java.util.List;

/**
 * What a pasted connection string said. The password, if the string had one, is kept here only
 * so the caller can offer to put it in ~/.pgpass; it never goes into a profile.
 */
public record ParsedUri(String user, String host, int port, String database, String password,
                        SslMode sslMode, String sslRootCert, String applicationName, Integer connectTimeoutSeconds,
                        List<String> notes) {

    public boolean hasPassword() {
        return password != null && !password.isEmpty();
    }

    /** A profile with these settings; password source is ~/.pgpass unless the caller chooses another. */
    public ConnectionProfile.Builder toProfile(String name, Environment environment) {
        ConnectionProfile.Builder b = ConnectionProfile.builder(name)
                .environment(environment)
                .host(host)
                .port(port)
                .database(database)
                .user(user)
                .passwordSource(PasswordSource.PGPASS);
        if (sslMode != null) {
            b.sslMode(sslMode);
        } else if (environment == Environment.PROD) {
            b.sslMode(SslMode.REQUIRE);
        }
        if (sslRootCert != null) {
            b.sslRootCert(sslRootCert);
        }
        if (applicationName != null) {
            b.applicationName(applicationName);
        }
        if (connectTimeoutSeconds != null) {
            b.connectTimeoutSeconds(connectTimeoutSeconds);
        }
        return b;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ParsedUri[user=" + user + ", host=" + host + ", port=" + port + ", database=" + database
                + ", password=" + (hasPassword() ? "****" : "none") + ", sslmode=" + sslMode + "]";
    }
}
