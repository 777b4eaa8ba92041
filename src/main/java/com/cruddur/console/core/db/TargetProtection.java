package com.cruddur.console.core.db;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Protection;
import com.cruddur.console.core.profile.ReachedServers;
import com.cruddur.console.core.profile.ServerIdentity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place that decides whether a target is protected. A protected profile is protected by its own settings, and
 * what it reaches is recorded each time it connects. Any other target (a {@code --url}, a dev profile, the GUI's
 * active profile) borrows the protection of the protected profiles it reaches: first by what its host name resolves to
 * (before connecting, so the very first session is already read-only), then, once connected and before anything runs,
 * by what the server says it is ({@link ServerIdentity}); the server's answer is the boundary.
 */
public final class TargetProtection {
    /** What was decided for a target: the profile its sessions use, and what it borrowed from, if anything. */
    public record Verdict(ConnectionProfile effective, Optional<Protection> borrowed) {
        /** "reaches the same database as profile prod: treated as prod, read-only", when something was borrowed. */
        public Optional<String> note() {
            return borrowed.map(Protection::describe);
        }

        /** This and {@code other} for the same profile: the protection of both. */
        public Verdict stricter(Verdict other) {
            Optional<Protection> both = borrowed.isEmpty() ? other.borrowed
                    : other.borrowed.isEmpty() ? borrowed : Optional.of(borrowed.get().and(other.borrowed.get()));
            if (both.equals(borrowed)) {
                return this;
            }
            return new Verdict(both.get().applyTo(effective), both);
        }
    }

    private final Supplier<List<ConnectionProfile>> profiles;
    private final Map<String, String> env;
    private final ReachedServers reached;

    /**
     * @param profiles every profile the user has (read again at each decision: another process may have added one)
     * @param env      for PROD_CONNECTION_URL
     */
    public TargetProtection(Supplier<List<ConnectionProfile>> profiles, Map<String, String> env, ReachedServers reached) {
        this.profiles = profiles;
        this.env = env;
        this.reached = reached;
    }

    /** Before connecting: the profile's own protection, or what its host name shares with protected profiles. */
    public Verdict beforeConnecting(ConnectionProfile p) {
        if (p.isProtected() || p.embedded()) {
            return new Verdict(p, Optional.empty());
        }
        return verdict(p, Protection.of(p.host(), p.port(), p.database(), profiles.get(), env));
    }

    /**
     * Once connected, with the server's answer: a saved protected profile records it; any other target borrows the
     * protection of every protected profile that reached the same database (added to what {@code before} borrowed).
     */
    public Verdict onceConnected(ConnectionProfile p, Verdict before, ServerIdentity identity) {
        List<ConnectionProfile> all = profiles.get();
        if (p.isProtected()) {
            if (all.contains(p)) {
                reached.remember(p, identity);
            }
            return before;
        }
        Optional<Protection> byServer = Protection.ofServer(identity, all, reached::of);
        if (byServer.isEmpty()) {
            return before;
        }
        return verdict(p, before.borrowed().map(b -> b.and(byServer.get())).or(() -> byServer));
    }

    private static Verdict verdict(ConnectionProfile p, Optional<Protection> borrowed) {
        return new Verdict(borrowed.map(b -> b.applyTo(p)).orElse(p), borrowed);
    }
}
