package com.cruddur.console.ui.connections;

import com.cruddur.console.core.profile.ConnectionProfile;

/**
 * What the Connections tab shows for a saved profile before anyone edits it, one line per row. {@code project} and
 * {@code rdsInstance} are empty when the profile has none (the form does not show them, so this is the place to
 * see them).
 */
record ProfileSummary(String target, String password, String ssl, String access, String timeouts, String project,
                      String rdsInstance) {
    /** No profile selected: every row empty. */
    static final ProfileSummary NONE = new ProfileSummary("", "", "", "", "", "", "");

    static ProfileSummary of(ConnectionProfile p) {
        String target = p.embedded()
                ? "PostgreSQL embedded in the console, started when first used: database " + p.database() + ", user "
                        + p.user()
                : p.user() + "@" + p.describeTarget();
        String password = switch (p.passwordSource().kind()) {
            case PGPASS, ENV, AWS_SECRET -> "from " + p.passwordSource().describe();
            case RDS_IAM -> "a new RDS IAM token for each connection";
            case PROMPT -> "asked when connecting, kept in memory until you quit";
            case NONE -> "none";
        };
        String ssl = p.sslMode().id() + (p.sslRootCert() == null ? "" : ", root certificate " + p.sslRootCert());
        String access = p.readOnly() ? "read-only: the server refuses writes" : "read-write";
        String timeouts = "connect " + p.connectTimeoutSeconds() + " s, statement "
                + (p.statementTimeoutSeconds() == 0 ? "none" : p.statementTimeoutSeconds() + " s");
        return new ProfileSummary(target, password, ssl, access, timeouts,
                p.projectDir() == null ? "" : p.projectDir(), p.rdsInstanceId() == null ? "" : p.rdsInstanceId());
    }
}
