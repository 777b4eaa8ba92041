package com.cruddur.console.core.aws;

/**
 * DB instance and snapshot identifiers as RDS compares them: RDS stores them in lower case and acts on
 * {@code AUDIT-DB} as on {@code audit-db}, so every link, confirmation, audit line and profile name made from one
 * goes through here. Only ASCII letters are folded: the identifiers are ASCII, and folding by a locale (Turkish
 * {@code I}) or by Unicode rules (the Kelvin sign folds to {@code k}) would make other strings equal to them.
 */
public final class RdsIds {
    private RdsIds() {
    }

    /** The instance identifier as RDS keeps it (lower case); throws {@link AwsProblem} saying why when not valid. */
    public static String instance(String id) {
        return fold(RdsNames.requireIdentifier(id, "DB instance identifier", 63));
    }

    /** A new snapshot's name as RDS keeps it (lower case); throws {@link AwsProblem} when not valid. */
    public static String newSnapshot(String id) {
        return fold(RdsNames.requireIdentifier(id, "snapshot identifier", 255));
    }

    /**
     * An existing snapshot's name as RDS keeps it: a manual or automated ({@code rds:…}) name in lower case; a shared
     * snapshot's ARN as given. Throws {@link AwsProblem} when it could not be any of them.
     */
    public static String snapshotReference(String ref) {
        String r = RdsNames.requireSnapshotReference(ref);
        return r.regionMatches(true, 0, "arn:", 0, 4) ? r : fold(r);
    }

    /** True when both name the same instance as RDS compares them; false when either is null. Never throws. */
    public static boolean same(String a, String b) {
        return a != null && b != null && fold(a).equals(fold(b));
    }

    /**
     * What a person typed to confirm, read as RDS reads an identifier (ASCII case folded, nothing trimmed), for
     * comparing with a canonical identifier; null stays null.
     */
    public static String typed(String typed) {
        return typed == null ? null : fold(typed);
    }

    /** ASCII upper-case letters to lower case; every other character as it is. */
    static String fold(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return b == null ? s : b.toString();
    }
}
