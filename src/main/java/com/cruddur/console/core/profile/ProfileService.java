package com.cruddur.console.core.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All profiles the user can pick: the saved ones plus the built-in {@code local} profile that points
 * at the embedded PostgreSQL. Also imports the team's {@code CONNECTION_URL} / {@code PROD_CONNECTION_URL}.
 */
public final class ProfileService {
    public static final String DEV_NAME = "dev";
    public static final String PROD_NAME = "prod";

    private final ProfileStore store;

    public ProfileService(ProfileStore store) {
        this.store = store;
    }

    public ProfileStore store() {
        return store;
    }

    /** The built-in profile for the embedded local server (data kept between runs). */
    public static ConnectionProfile localProfile() {
        return ConnectionProfile.builder(ConnectionProfile.LOCAL_NAME)
                .environment(Environment.DEV)
                .host("127.0.0.1")
                .port(0)
                .database("cruddur")
                .user("postgres")
                .passwordSource(PasswordSource.NONE)
                .sslMode(SslMode.DISABLE)
                .readOnly(false)
                .embedded(true)
                .build();
    }

    /** Saved profiles followed by {@code local} (unless a saved profile took that name). */
    public List<ConnectionProfile> all() {
        List<ConnectionProfile> all = new ArrayList<>(store.list());
        if (store.find(ConnectionProfile.LOCAL_NAME).isEmpty()) {
            all.add(localProfile());
        }
        return all;
    }

    public Optional<ConnectionProfile> find(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The profile a command uses when none is named: {@code dev} if it exists, else {@code local}. */
    public ConnectionProfile defaultProfile() {
        return find(DEV_NAME).orElseGet(() -> find(ConnectionProfile.LOCAL_NAME).orElseGet(ProfileService::localProfile));
    }

    /** Looks a profile up by name, with a message listing the known names when it is not there. */
    public ConnectionProfile require(String name) {
        return find(name).orElseThrow(() -> new ProfileException("no profile named '" + name + "': known profiles are "
                + String.join(", ", all().stream().map(ConnectionProfile::name).toList())));
    }

    /**
     * The protection of a target that reaches {@code host:port/database}: that of the saved protected profiles reaching
     * the same database, or PROD_CONNECTION_URL's (see {@link Protection}); empty when none does.
     */
    public Optional<Protection> protectionFor(String host, int port, String database, Map<String, String> env) {
        return Protection.of(host, port, database, all(), env);
    }

    /** One thing the environment import did or could not do; {@code problem} when the user should be told. */
    public record ImportNotice(String text, boolean problem) {
    }

    /**
     * Creates {@code dev} from CONNECTION_URL and {@code prod} (read-only) from PROD_CONNECTION_URL unless profiles
     * with those names exist. The password stays in the variable: the profile reads it from there.
     *
     * @return one line per thing done or skipped, for the log or the status bar
     */
    public List<String> importFromEnvironment(Map<String, String> env) {
        return importNotices(env).stream().map(ImportNotice::text).toList();
    }

    /** As {@link #importFromEnvironment}, each line marked as a problem (a variable that could not be imported) or not. */
    public List<ImportNotice> importNotices(Map<String, String> env) {
        List<ImportNotice> notices = new ArrayList<>();
        importOne(env, "CONNECTION_URL", DEV_NAME, Environment.DEV, notices);
        importOne(env, "PROD_CONNECTION_URL", PROD_NAME, Environment.PROD, notices);
        return notices;
    }

    private void importOne(Map<String, String> env, String variable, String name, Environment environment,
                           List<ImportNotice> notices) {
        String value = env.get(variable);
        if (value == null || value.isBlank() || store.find(name).isPresent()) {
            return;
        }
        try {
            ParsedUri parsed = UriParser.parse(value);
            ConnectionProfile profile = parsed.toProfile(name, environment)
                    .passwordSource(parsed.hasPassword() ? PasswordSource.env(variable) : PasswordSource.PGPASS)
                    .build();
            store.add(profile);
            notices.add(new ImportNotice("imported profile '" + name + "' from " + variable + " ("
                    + profile.describeTarget() + (profile.readOnly() ? ", read-only" : "") + ")", false));
        } catch (RuntimeException e) {
            notices.add(new ImportNotice("could not import " + variable + ": " + e.getMessage(), true));
        }
    }
}
