package com.cruddur.console.core.aws;

/** RDS identifier rules, checked before a call so the user gets the reason at once. */
final class RdsNames {
    private RdsNames() {
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
