package com.cruddur.console.core.db;

import com.cruddur.console.core.profile.AwsAccess;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.PgPass;
import com.cruddur.console.core.profile.UriParser;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds a profile's password at connect time from its source: ~/.pgpass, an environment variable
 * (a plain password or a whole URI such as CONNECTION_URL), by asking (kept in memory only), from a Secrets Manager
 * secret (fetched once, kept in memory only, fetched again when the server refuses it: the secret was rotated), or as
 * a new RDS IAM token for every connection (each is valid for 15 minutes; the pool opens each new connection with a
 * fresh one, and a token is only ever sent over TLS).
 * A password kept in memory belongs to the login it was given for (host, port, user, database), not to the profile's
 * name: after the profile is edited to point elsewhere it is not sent there, and it is forgotten when the server
 * refuses it, so the next connect asks again.
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
    private final CloudPasswords cloud;
    private final Map<Login, String> remembered = new ConcurrentHashMap<>();
    /**
     * The prompt open for a login, if any: one prompt per credential at a time (single flight). Callers that need the
     * same login's password meanwhile wait for its answer, and a Cancel is the same outcome for all of them.
     */
    private final Map<Login, CompletableFuture<Optional<String>>> prompting = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    /**
     * Logins whose prompt the user cancelled. The Cancel stands for the work already under way (a tab's reads queued
     * behind the prompt start after it closed and must not open it again) until the user asks again: {@link #askAgain}.
     */
    private final Set<Login> declined = ConcurrentHashMap.newKeySet();
    /** Passwords read from secrets, by secret and the AWS access it was read through. */
    private final Map<SecretKey, String> secrets = new ConcurrentHashMap<>();

    private record SecretKey(String secretId, AwsAccess aws) {
        static SecretKey of(ConnectionProfile p) {
            return new SecretKey(p.passwordSource().secretId(), p.aws());
        }
    }

    /** What a remembered password is for; host names compare case-insensitively (lower-cased when made). */
    private record Login(String host, int port, String user, String database) {
        static Login of(ConnectionProfile p) {
            return new Login(p.host() == null ? "" : p.host().toLowerCase(Locale.ROOT), p.port(), p.user(), p.database());
        }
    }

    /** A resolver without AWS: the aws-secret and rds-iam sources say they cannot be used. */
    public PasswordResolver(PgPass pgPass, Map<String, String> env, Prompt prompt) {
        this(pgPass, env, prompt, CloudPasswords.UNAVAILABLE);
    }

    /** @param cloud reads secrets and makes IAM tokens (core.aws's, wired by CoreServices) */
    public PasswordResolver(PgPass pgPass, Map<String, String> env, Prompt prompt, CloudPasswords cloud) {
        this.pgPass = pgPass;
        this.env = env;
        this.prompt = prompt;
        this.cloud = cloud;
    }

    /** How many callers wait for a prompt another caller opened (for tests). */
    int waitingForPrompt() {
        return waiting.get();
    }

    public PgPass pgPass() {
        return pgPass;
    }

    /** True when connecting with {@code profile} would ask for its password now (none is kept for its login). */
    public boolean wouldAsk(ConnectionProfile profile) {
        return profile.passwordSource().kind() == PasswordSource.Kind.PROMPT && !remembered.containsKey(Login.of(profile));
    }

    /** Keeps a password in memory for this run only, for the profile's login (asked, or from an ad-hoc --url). */
    public void remember(ConnectionProfile profile, String password) {
        remembered.put(Login.of(profile), password);
        declined.remove(Login.of(profile));
    }

    /**
     * The user asks again (Use, F5, Test) after cancelling the prompt for the profile's login: the next connect asks
     * once more. Returns true when a Cancel stood until now.
     */
    public boolean askAgain(ConnectionProfile profile) {
        return declined.remove(Login.of(profile));
    }

    /** True when a password is kept in memory for the profile's login (typed, or from an ad-hoc --url). */
    public boolean remembers(ConnectionProfile profile) {
        return remembered.containsKey(Login.of(profile));
    }

    /** Forgets the password kept for the profile's login, and the copy of its secret (the server refused it). */
    public void forget(ConnectionProfile profile) {
        remembered.remove(Login.of(profile));
        if (profile.passwordSource().kind() == PasswordSource.Kind.AWS_SECRET) {
            secrets.remove(SecretKey.of(profile));
        }
    }

    /**
     * After the server refused {@code refused}: forgets it and, for a secret, reads the secret again (it may have been
     * rotated since it was read). Returns the new password when it differs, so the caller tries once more with it;
     * empty when there is nothing new to try.
     */
    public Optional<String> refetchAfterRefusal(ConnectionProfile p, String refused) throws DbProblem {
        forget(p);
        if (p.passwordSource().kind() != PasswordSource.Kind.AWS_SECRET) {
            return Optional.empty();
        }
        String fresh = cloud.secretPassword(p);
        if (fresh.equals(refused)) {
            return Optional.empty();
        }
        secrets.put(SecretKey.of(p), fresh);
        return Optional.of(fresh);
    }

    /** The password for connecting to {@code database} at host:port, or empty when the source has none. */
    public Optional<String> resolve(ConnectionProfile p, String host, int port, String database) throws DbProblem {
        switch (p.passwordSource().kind()) {
            case AWS_SECRET: {
                SecretKey key = SecretKey.of(p);
                String known = secrets.get(key);
                if (known == null) {
                    known = cloud.secretPassword(p);
                    secrets.put(key, known);
                }
                return Optional.of(known);
            }
            case RDS_IAM:
                if (!p.sslMode().requiresEncryption()) {
                    throw new DbProblem(DbProblem.Kind.TLS, "profile " + p.name() + " logs in with an RDS IAM token,"
                            + " which is only sent over TLS, but its sslmode is " + p.sslMode().id()
                            + " — set its sslmode to require, verify-ca or verify-full", "08004", null);
                }
                return Optional.of(cloud.iamToken(p, host, port));
            default:
                break;
        }
        String kept = remembered.get(Login.of(p));
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
                Optional<String> asked = askOnce(p);
                if (asked.isEmpty()) {
                    throw new DbProblem(DbProblem.Kind.PASSWORD_MISSING, "no password entered for profile " + p.name(),
                            "08004", null);
                }
                return asked;
            }
            default:
                throw new IllegalStateException("unknown password source " + p.passwordSource());
        }
    }

    /**
     * Asks for the login's password, or waits for the prompt another caller has open for the same login and takes its
     * answer; an answer is remembered before the waiters see it.
     */
    private Optional<String> askOnce(ConnectionProfile p) throws DbProblem {
        Login login = Login.of(p);
        CompletableFuture<Optional<String>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<String>> open = prompting.putIfAbsent(login, mine);
        if (open == null) {
            try {
                // a prompt that closed between this caller's look at the kept passwords and now may have answered
                String kept = remembered.get(login);
                Optional<String> asked = kept != null ? Optional.of(kept)
                        : declined.contains(login) ? Optional.empty() : prompt.ask(p);
                asked.ifPresentOrElse(pw -> remembered.put(login, pw), () -> declined.add(login));
                mine.complete(asked);
                return asked;
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                prompting.remove(login, mine);
            }
        }
        waiting.incrementAndGet();
        try {
            return open.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DbProblem(DbProblem.Kind.PASSWORD_MISSING, "no password entered for profile " + p.name()
                    + " (interrupted while another window asked for it)", "08004", null);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            waiting.decrementAndGet();
        }
    }
}
