package com.cruddur.console.cli;

import picocli.CommandLine.Option;

/**
 * The option blocks many commands repeat, as picocli mixins ({@code @Mixin SharedOptions.Json json;}): one
 * declaration each, so their names, labels and help text cannot drift apart between commands.
 */
final class SharedOptions {
    private SharedOptions() {
    }

    /** {@code --instance ID}: the DB instance a command acts on, as RDS stores it (lower case). */
    static final class Instance {
        @Option(names = "--instance", paramLabel = "ID", converter = InstanceIdConverter.class,
                required = true, description = "DB instance identifier.")
        String id;

        String id() {
            return id;
        }
    }

    /** {@code --instance ID --confirm ID}: a change to an instance that a prod profile may be linked to. */
    static final class ConfirmedInstance {
        @Option(names = "--instance", paramLabel = "ID", converter = InstanceIdConverter.class,
                required = true, description = "DB instance identifier.")
        String id;

        @Option(names = "--confirm", paramLabel = "ID", description = "The instance id again, for prod-linked instances.")
        String confirm;

        String id() {
            return id;
        }

        String confirm() {
            return confirm;
        }
    }

    /** {@code --confirm DBNAME}: the typed database name a destructive command needs on a protected profile. */
    static final class ConfirmDatabase {
        @Option(names = "--confirm", paramLabel = "DBNAME",
                description = "The database name, required on prod and read-only profiles.")
        String confirm;

        String confirm() {
            return confirm;
        }
    }

    /** {@code --json}: machine-readable output in place of the table. */
    static final class Json {
        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        boolean on() {
            return json;
        }
    }
}
