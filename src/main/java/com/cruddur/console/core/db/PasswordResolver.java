package com.cruddur.console.core.db;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.PgPass;
import com.cruddur.console.core.profile.UriParser;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a profile's password at connect time from its source: ~/.pgpass, an environment variable
 * (a plain password or a whole URI such as CONNECTION_URL), or by asking (kept in memory only).
 */
public final class PasswordResolver {
    /** Asks the user for a password (GUI dialog or terminal); empty when the user cancels. */
    @FunctionalInterface
    public interface Prompt {
        Optional<String> ask(ConnectionProfile profile);
    }

    private final PgPass pgPass;
    private final Map<String, String> env;
    private final Prompt prompt;
    private final Map<String, String> remembered = new ConcurrentHashMap<>();

    public PasswordResolver(PgPass pgPass, Map<String, String> env, Prompt prompt) {
        this.pgPass = pgPass;
        this.env = env;
        this.prompt = prompt;
    }

    public PgPass pgPass() {
        return pgPass;
    }

    /** Keeps a password in memory for this run only (asked passwords, or one from an ad-hoc --url). */
    public void remember(String profileName, String password) {
        remembered.put(profileName, password);
    }

    public void forget(String profileName) {
        remembered.remove(profileName);
    }

    /** The password for connecting to {@code database} at host:port, or empty when the source has none. */
    public Optional<String> resolve(ConnectionProfile p, String host, int port, String database) throws DbProblem {
        String kept = remembered.get(p.name());
        if (kept != null) {
            return Optional.of(kept);
        }
        switch (p.passwordSource().kind()) {
            case NONE:
                return Optional.empty();
            case PGPASS:
                try {
                    Optional<String> found = pgPass.lookup(host, port, database, p.user());
                    // Maintenance connections (to "postgres") use the profile database's entry as a fallback.
                    return found.isPresent() ? found : pgPass.lookup(host, port, p.database(), p.user());
                } catch (PgPass.PgPassException e) {
                    throw new DbProblem(DbProblem.Kind.PASSWORD_MISSING, e.getMessage(), "08004", null);
                }
            case ENV: {
                String var = p.passwordSource().envVar();
                String value = env.get(var);
                if (value == null || value.isEmpty()) {
                    throw new DbProblem(DbProblem.Kind.PASSWORD_MISSING, "environment variable " + var
                            + " is not set — export it before starting, or change the password source of profile "
                            + p.name(), "08004", null);
                }
                String lower = value.toLowerCase();
                if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
                    try {
                        return Optional.ofNullable(UriParser.parse(value).password());
                    } catch (IllegalArgumentException e) {
                        throw new DbProblem(DbProblem.Kind.PASSWORD_MISSING, "environment variable " + var
                                + " holds a URI that cannot be read: " + e.getMessage(), "08004", null);
                    }
                }
                return Optional.of(value);
            }
            case PROMPT: {
                Optional<String> asked = prompt.ask(p);
                if (asked.isEmpty()) {
                    throw new DbProblem(DbProblem.Kind.PASSWORD_MISSING, "no password entered for profile " + p.name(),
                            "08004", null);
                }
                remembered.put(p.name(), asked.get());
                return asked;
            }
            default:
                throw new IllegalStateException("unknown password source " + p.passwordSource());
        }
    }
}
