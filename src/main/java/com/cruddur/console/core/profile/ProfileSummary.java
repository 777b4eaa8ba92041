package com.cruddur.console.core.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * A saved profile in words, one line per row, as the Connections tab shows it before anyone edits it and as
 * {@code profiles show} prints it: the labels live here so the window and the terminal say the same thing.
 * {@code project} and {@code rdsInstance} are empty when the profile has none (the form does not show them, so this
 * is the place to see them).
 */
public record ProfileSummary(String target, String password, String ssl, String access, String timeouts,
                             String project, String rdsInstance) {
    /** Labels of the form's first rows. */
    public static final String NAME = "Name";
    public static final String ENVIRONMENT = "Environment";
    /** Labels of the summary's rows. */
    public static final String TARGET = "Connects to";
    public static final String PASSWORD = "Password";
    public static final String SSL = "SSL mode";
    public static final String ACCESS = "Access";
    public static final String TIMEOUTS = "Timeouts";
    public static final String PROJECT = "Project";
    public static final String RDS_INSTANCE = "RDS instance";

    /** No profile selected: every row empty. */
    public static final ProfileSummary NONE = new ProfileSummary("", "", "", "", "", "", "");

    /** One labelled line. */
    public record Row(String label, String value) {
    }

    public static ProfileSummary of(ConnectionProfile p) {
        String target = p.embedded()
                ? "PostgreSQL embedded in the console, started when first used: database " + p.database() + ", user "
                        + p.user()
                : p.user() + "@" + p.describeTarget();
        String password = p.embedded() ? "generated for the embedded server, in a file only you can read"
                : switch (p.passwordSource().kind()) {
                    case PGPASS, ENV, AWS_SECRET -> "from " + p.passwordSource().describe();
                    case RDS_IAM -> "a new RDS IAM token for each connection";
                    case PROMPT -> "asked when connecting, kept in memory until you quit";
                    case NONE -> "none";
                };
        String ssl = p.sslMode().id() + (p.sslRootCert() == null ? "" : ", root certificate " + p.sslRootCert());
        // honest about what read-only is: the sessions' default, which a session can change; a role is the boundary
        String access = p.readOnly() ? "read-only: the console's sessions refuse writes" : "read-write";
        String timeouts = "connect " + p.connectTimeoutSeconds() + " s, statement "
                + (p.statementTimeoutSeconds() == 0 ? "none" : p.statementTimeoutSeconds() + " s");
        return new ProfileSummary(target, password, ssl, access, timeouts,
                p.projectDir() == null ? "" : p.projectDir(), p.rdsInstanceId() == null ? "" : p.rdsInstanceId());
    }

    /**
     * The password source in one word, for a table column: the source's id, and {@code generated} for the embedded
     * server, whose password the console makes and keeps (its profile's source says none because none is asked for).
     */
    public static String passwordWord(ConnectionProfile p) {
        return p.embedded() ? "generated" : p.passwordSource().id();
    }

    /** The rows in the tab's order, leaving out Project and RDS instance when the profile has none. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>(List.of(new Row(TARGET, target), new Row(PASSWORD, password),
                new Row(SSL, ssl), new Row(ACCESS, access), new Row(TIMEOUTS, timeouts)));
        if (!project.isEmpty()) {
            rows.add(new Row(PROJECT, project));
        }
        if (!rdsInstance.isEmpty()) {
            rows.add(new Row(RDS_INSTANCE, rdsInstance));
        }
        return rows;
    }
}
