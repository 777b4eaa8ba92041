package com.cruddur.console.core.db;

import com.cruddur.console.core.profile.ConnectionProfile;

/**
 * Passwords that live in AWS: the password in a Secrets Manager secret, or an RDS IAM authentication token. Implemented
 * in {@code core.aws} and handed to {@link PasswordResolver} by {@code CoreServices}, so this package needs no AWS SDK.
 * Failures come back as a {@link DbProblem} (kind {@code PASSWORD_MISSING}) saying what happened and what to do.
 */
public interface CloudPasswords {
    /** Fetches the password from the profile's secret now (no copy kept here). */
    String secretPassword(ConnectionProfile profile) throws DbProblem;

    /** A new IAM authentication token for the profile's user at host:port, valid for 15 minutes. */
    String iamToken(ConnectionProfile profile, String host, int port) throws DbProblem;

    /** For a resolver without AWS (tests, tools): says that these sources cannot be used here. */
    CloudPasswords UNAVAILABLE = new CloudPasswords() {
        @Override
        public String secretPassword(ConnectionProfile profile) throws DbProblem {
            throw unavailable(profile);
        }

        @Override
        public String iamToken(ConnectionProfile profile, String host, int port) throws DbProblem {
            throw unavailable(profile);
        }

        private DbProblem unavailable(ConnectionProfile p) {
            return new DbProblem(DbProblem.Kind.PASSWORD_MISSING, "profile " + p.name() + " gets its password from "
                    + p.passwordSource().describe() + ", which this program cannot reach", "08004", null);
        }
    };
}
