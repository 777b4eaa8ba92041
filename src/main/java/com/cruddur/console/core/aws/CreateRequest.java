package com.cruddur.console.core.aws;

/**
 * Parameters of a new DB instance, defaulting to the Cruddur write-up's choices; {@link #builder(String)} changes
 * fields by name. Holds no password: the service generates one, or RDS manages it in Secrets Manager.
 *
 * @param engineVersion null means "the current default postgres version" (looked up with DescribeDBEngineVersions)
 * @param availabilityZone null lets AWS choose
 */
public record CreateRequest(String identifier, String instanceClass, String engine, String engineVersion,
                            String masterUsername, int allocatedStorageGb, String storageType, int backupRetentionDays,
                            boolean storageEncrypted, boolean publiclyAccessible, int port, String dbName,
                            boolean multiAz, String availabilityZone, boolean deletionProtection,
                            boolean performanceInsights, int performanceInsightsRetentionDays,
                            boolean manageMasterUserPassword) {

    /** The identifier as RDS will keep it (lower case), so the profile made for it is named and linked the same. */
    public CreateRequest {
        identifier = identifier == null ? null : RdsIds.fold(identifier);
    }

    /** The write-up's defaults for the given instance id. */
    public static CreateRequest defaults(String identifier) {
        return builder(identifier).build();
    }

    /** A builder starting from the write-up's defaults for the given instance id. */
    public static Builder builder(String identifier) {
        return new Builder(identifier);
    }

    /**
     * {@code base} when no instance in {@code taken} has that identifier, else the first free {@code base-2},
     * {@code base-3}, … (what the create form proposes instead of an existing instance's name).
     */
    public static String freeIdentifier(String base, java.util.Collection<String> taken) {
        java.util.Set<String> lower = new java.util.HashSet<>();
        taken.forEach(t -> lower.add(t.toLowerCase(java.util.Locale.ROOT)));
        if (!lower.contains(base.toLowerCase(java.util.Locale.ROOT))) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = base + "-" + n;
            if (!lower.contains(candidate.toLowerCase(java.util.Locale.ROOT))) {
                return candidate;
            }
        }
    }

    /** Checks the fields AWS would reject, with what to change; throws {@link AwsProblem}. */
    public void validate() {
        RdsNames.requireIdentifier(identifier, "DB instance identifier", 63);
        if (masterUsername == null || !masterUsername.matches("[A-Za-z][A-Za-z0-9_]{0,62}")) {
            throw new AwsProblem("master username '" + masterUsername
                    + "' is not valid: start with a letter, then letters, digits or _ (at most 63)");
        }
        if (dbName != null && !dbName.isEmpty() && !dbName.matches("[A-Za-z][A-Za-z0-9_]{0,62}")) {
            throw new AwsProblem("database name '" + dbName
                    + "' is not valid: start with a letter, then letters, digits or _ (at most 63)");
        }
        if (allocatedStorageGb < 20 || allocatedStorageGb > 65536) {
            throw new AwsProblem("storage of " + allocatedStorageGb + " GB is out of range: give 20 to 65536 GB");
        }
        if (port < 1150 || port > 65535) {
            throw new AwsProblem("port " + port + " is out of range: RDS allows 1150 to 65535 (postgres uses 5432)");
        }
        if (backupRetentionDays < 0 || backupRetentionDays > 35) {
            throw new AwsProblem("backup retention of " + backupRetentionDays + " days is out of range: give 0 to 35");
        }
        if (instanceClass == null || !instanceClass.startsWith("db.")) {
            throw new AwsProblem("instance class '" + instanceClass + "' is not valid: give e.g. db.t3.micro");
        }
        int pi = performanceInsightsRetentionDays;
        if (performanceInsights && pi != 7 && pi != 731 && (pi % 31 != 0 || pi < 31 || pi > 713)) {
            throw new AwsProblem("Performance Insights retention of " + pi
                    + " days is not allowed: give 7 (free), a multiple of 31 up to 713, or 731");
        }
    }

    /**
     * Fields by name, starting from the write-up's defaults ({@link #builder(String)}): a request names only what it
     * changes, and no call lists eighteen positional values.
     */
    public static final class Builder {
        private String identifier;
        private String instanceClass = "db.t3.micro";
        private String engine = "postgres";
        private String engineVersion;
        private String masterUsername = "root";
        private int allocatedStorageGb = 20;
        private String storageType = "gp2";
        private int backupRetentionDays;
        private boolean storageEncrypted = true;
        private boolean publiclyAccessible = true;
        private int port = 5432;
        private String dbName = "cruddur";
        private boolean multiAz;
        private String availabilityZone;
        private boolean deletionProtection;
        private boolean performanceInsights = true;
        private int performanceInsightsRetentionDays = 7;
        private boolean manageMasterUserPassword;

        private Builder(String identifier) {
            this.identifier = identifier;
        }

        public Builder identifier(String v) {
            identifier = v;
            return this;
        }

        public Builder instanceClass(String v) {
            instanceClass = v;
            return this;
        }

        /** Null means the current default postgres version. */
        public Builder engineVersion(String v) {
            engineVersion = v;
            return this;
        }

        public Builder masterUsername(String v) {
            masterUsername = v;
            return this;
        }

        public Builder allocatedStorageGb(int v) {
            allocatedStorageGb = v;
            return this;
        }

        public Builder backupRetentionDays(int v) {
            backupRetentionDays = v;
            return this;
        }

        public Builder publiclyAccessible(boolean v) {
            publiclyAccessible = v;
            return this;
        }

        public Builder port(int v) {
            port = v;
            return this;
        }

        public Builder dbName(String v) {
            dbName = v;
            return this;
        }

        public Builder performanceInsights(boolean enabled, int retentionDays) {
            performanceInsights = enabled;
            performanceInsightsRetentionDays = retentionDays;
            return this;
        }

        /** RDS keeps the master password in Secrets Manager instead of the console generating one. */
        public Builder manageMasterUserPassword(boolean v) {
            manageMasterUserPassword = v;
            return this;
        }

        public CreateRequest build() {
            return new CreateRequest(identifier, instanceClass, engine, engineVersion, masterUsername,
                    allocatedStorageGb, storageType, backupRetentionDays, storageEncrypted, publiclyAccessible, port,
                    dbName, multiAz, availabilityZone, deletionProtection, performanceInsights,
                    performanceInsightsRetentionDays, manageMasterUserPassword);
        }
    }
}
