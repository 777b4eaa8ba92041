package com.cruddur.console.core.aws;

/** RDS identifier rules, checked before a call so the user gets the reason at once. */
final class RdsNames {
    private RdsNames() {
    }

    /**
     * The name of an existing snapshot: a manual one's name, an automated one's ({@code rds:db-2026-12-01-03-10}) or a
     * shared one's ARN; refused only when it could not be any of them (spaces, quotes, empty).
     */
    static String requireSnapshotReference(String id) {
        if (id == null || id.isBlank()) {
            throw new AwsProblem("snapshot name is empty: give one such as before-night (list them to see)");
        }
        if (id.length() > 1024 || !id.matches("[A-Za-z][A-Za-z0-9:/-]*")) {
            throw new AwsProblem("snapshot name '" + id + "' is not valid: snapshot names hold letters, digits,"
                    + " hyphens (and 'rds:' for automated ones)");
        }
        return id;
    }

    /** 1..max letters, digits, hyphens; starts with a letter; no "--"; does not end with "-". */
    static String requireIdentifier(String id, String what, int max) {
        if (id == null || id.isBlank()) {
            throw new AwsProblem(what + " is empty: give one such as cruddur-db-instance");
        }
        if (id.length() > max || !id.matches("[A-Za-z][A-Za-z0-9-]*") || id.contains("--") || id.endsWith("-")) {
            throw new AwsProblem(what + " '" + id + "' is not valid: use 1-" + max
                    + " letters, digits and single hyphens, starting with a letter and not ending with a hyphen");
        }
        return id;
    }
}
