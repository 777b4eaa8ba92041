package com.cruddur.console.core.query.history;

import com.cruddur.console.core.settings.VersionedJsonFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The profiles whose Query tab no longer offers to make a read-only role, because the user dismissed the offer:
 * {@code query/role-notice-dismissed.json} in the state folder (0600, written atomically under a lock).
 */
public final class RoleNoticeDismissals {
    public static final int FORMAT_VERSION = 1;

    private final VersionedJsonFile<Set<String>> file;

    public RoleNoticeDismissals(Path stateDir) {
        this.file = new VersionedJsonFile<>(stateDir.resolve("query").resolve("role-notice-dismissed.json"),
                FORMAT_VERSION, new Format(), Set.of(), "dismissed read-only role offers", "the offers show again");
    }

    /** The profile names, and a warning when the file was unusable (moved aside; the offers show again). */
    public VersionedJsonFile.Loaded<Set<String>> load() {
        return file.load();
    }

    /** Remembers that {@code profile}'s offer was dismissed, and returns every dismissed profile. */
    public Set<String> dismiss(String profile) throws IOException {
        return file.update(names -> {
            Set<String> out = new TreeSet<>(names);
            out.add(profile);
            return Set.copyOf(out);
        });
    }

    /** {"version": 1, "profiles": ["prod", …]} */
    private static final class Format implements VersionedJsonFile.Format<Set<String>> {
        @Override
        public Set<String> read(JsonNode root) throws VersionedJsonFile.Unusable {
            Set<String> out = new TreeSet<>();
            for (JsonNode n : root.path("profiles")) {
                if (!n.isTextual()) {
                    throw VersionedJsonFile.Unusable.corrupt("holds an entry that is not a profile name");
                }
                out.add(n.asText());
            }
            return Set.copyOf(out);
        }

        @Override
        public void write(Set<String> names, ObjectNode root) {
            ArrayNode list = root.putArray("profiles");
            new TreeSet<>(names).forEach(list::add);
        }
    }
}
