package com.cruddur.console.core.profile;

import com.cruddur.console.core.settings.VersionedJsonFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server each protected profile last reached ({@code reached-servers.json} beside {@code profiles.json}: versioned,
 * mode 0600, written under a lock). Kept per profile name together with where the profile pointed then, so an edited
 * profile's old server no longer counts as its own. Nothing here is secret, and losing the file loses no protection
 * that the profiles' own host names do not give: it is refilled on the next connection.
 */
public final class ReachedServers {
    private static final Logger LOG = Logger.getLogger(ReachedServers.class.getName());
    private static final int FORMAT_VERSION = 1;

    /** What a profile pointing at {@code target} reached. */
    private record Entry(String target, ServerIdentity identity) {
    }

    private final VersionedJsonFile<Map<String, Entry>> file;
    private volatile Map<String, Entry> entries;

    public ReachedServers(Path file) {
        this.file = new VersionedJsonFile<>(file, FORMAT_VERSION, new Format(), Map.of(), "reached servers",
                "protection rests on the profiles' host names until each protected profile connects again");
        VersionedJsonFile.Loaded<Map<String, Entry>> loaded = this.file.load();
        loaded.warning().ifPresent(w -> LOG.warning(w));
        entries = loaded.value();
    }

    /** What {@code profile} reached when it last connected where it points now; empty when it has not. */
    public Optional<ServerIdentity> of(ConnectionProfile profile) {
        Entry e = entries.get(profile.name());
        return e != null && e.target.equals(targetOf(profile)) ? Optional.of(e.identity) : Optional.empty();
    }

    /** Records what {@code profile} reached; the file is written only when that changed. */
    public void remember(ConnectionProfile profile, ServerIdentity identity) {
        if (of(profile).filter(identity::equals).isPresent()) {
            return;
        }
        Entry entry = new Entry(targetOf(profile), identity);
        try {
            entries = file.update(current -> {
                Map<String, Entry> next = new LinkedHashMap<>(current);
                next.put(profile.name(), entry);
                return Collections.unmodifiableMap(next);
            });
        } catch (IOException e) {
            // the profile's own host name still protects; the next connection tries again
            LOG.log(Level.WARNING, "cannot record the server profile " + profile.name() + " reached", e);
            Map<String, Entry> next = new LinkedHashMap<>(entries);
            next.put(profile.name(), entry);
            entries = Collections.unmodifiableMap(next);
        }
    }

    private static String targetOf(ConnectionProfile p) {
        return p.describeTarget();
    }

    /** {@code {"version": 1, "profiles": {"prod": {"target": …, "serverAddress": …, …}}}}. */
    private static final class Format implements VersionedJsonFile.Format<Map<String, Entry>> {
        @Override
        public Map<String, Entry> read(JsonNode root) throws VersionedJsonFile.Unusable {
            JsonNode profiles = root.path("profiles");
            if (!profiles.isObject()) {
                throw VersionedJsonFile.Unusable.corrupt("has an unknown layout");
            }
            Map<String, Entry> map = new LinkedHashMap<>();
            for (var it = profiles.fields(); it.hasNext(); ) {
                var field = it.next();
                JsonNode n = field.getValue();
                String database = VersionedJsonFile.text(n, "database");
                String target = VersionedJsonFile.text(n, "target");
                if (database == null || target == null) {
                    throw VersionedJsonFile.Unusable.corrupt("has an entry without target or database");
                }
                map.put(field.getKey(), new Entry(target, new ServerIdentity(
                        VersionedJsonFile.text(n, "serverAddress"), n.path("serverPort").asInt(0),
                        VersionedJsonFile.text(n, "systemIdentifier"), database, n.path("databaseOid").asLong(0))));
            }
            return Collections.unmodifiableMap(map);
        }

        @Override
        public void write(Map<String, Entry> value, ObjectNode root) {
            ObjectNode profiles = root.putObject("profiles");
            value.forEach((name, e) -> {
                ObjectNode n = profiles.putObject(name);
                n.put("target", e.target);
                n.put("serverAddress", e.identity.serverAddress());
                n.put("serverPort", e.identity.serverPort());
                n.put("systemIdentifier", e.identity.systemIdentifier());
                n.put("database", e.identity.database());
                n.put("databaseOid", e.identity.databaseOid());
            });
        }
    }
}
