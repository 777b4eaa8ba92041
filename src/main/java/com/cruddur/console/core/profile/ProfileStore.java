package com.cruddur.console.core.profile;

import com.cruddur.console.core.settings.VersionedJsonFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The saved profiles, in {@code profiles.json} (a {@link VersionedJsonFile}: versioned, mode 0600, written
 * atomically). Each change re-reads the file under a lock, so the GUI and a CLI run at the same time do not lose each
 * other's edits. Reads ({@link #list()}, {@link #find}) answer from the last loaded or saved list and never wait for
 * a save in progress: the Connections form validates on every keystroke on the FX thread.
 */
public final class ProfileStore {
    public static final int FORMAT_VERSION = ProfileJson.FORMAT_VERSION;

    private final VersionedJsonFile<List<ConnectionProfile>> file;
    private volatile List<ConnectionProfile> profiles = List.of();
    private volatile String warning;
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    public ProfileStore(Path file) {
        this.file = new VersionedJsonFile<>(file, FORMAT_VERSION, new Format(), List.of(), "profiles",
                "the console started with no saved profiles");
        reload();
    }

    public Path file() {
        return file.file();
    }

    /** Re-reads the file; a corrupt or newer-format file is moved aside and reported by {@link #loadWarning()}. */
    public synchronized void reload() {
        VersionedJsonFile.Loaded<List<ConnectionProfile>> loaded = file.load();
        profiles = loaded.value();
        warning = loaded.warning().orElse(null);
    }

    /**
     * Calls {@code listener} after every change saved through this store, on the thread that saved it: a list of the
     * profiles shown elsewhere (Connections) follows a profile another tab made (RDS).
     */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /** Why the file could not be used at the last load, if it could not. */
    public Optional<String> loadWarning() {
        return Optional.ofNullable(warning);
    }

    /** The saved profiles, in the order they were added (as last loaded or saved; no disk access). */
    public List<ConnectionProfile> list() {
        return profiles;
    }

    public Optional<ConnectionProfile> find(String name) {
        return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Adds a new profile; the name must not be taken. */
    public void add(ConnectionProfile profile) {
        profile.validated();
        mutate(list -> {
            requireFreeName(list, profile.name(), "choose another name or edit it");
            list.add(profile);
            return list;
        });
    }

    /** Replaces the profile called {@code oldName} (which may be renamed) with {@code profile}. */
    public void update(String oldName, ConnectionProfile profile) {
        profile.validated();
        mutate(list -> {
            list.set(indexForUpdate(list, oldName, profile.name()), profile);
            return list;
        });
    }

    /**
     * Saves a new profile ({@code replacing} null) or the edited {@code replacing} one, and a password for it in
     * {@code pgPass} when one is given: the one flow for the Connections tab, {@code profiles add} and RDS. The
     * password is stored first, so a generated one is never lost to a failed save; the name is checked before that, so
     * a taken name stores nothing. {@code password} is wiped in every case.
     */
    public ConnectionProfile saveWithPassword(String replacing, ConnectionProfile profile, PgPass pgPass, char[] password)
            throws PgPass.PgPassException {
        try {
            profile.validated();
            List<ConnectionProfile> now = new ArrayList<>(profiles);
            if (replacing == null) {
                requireFreeName(now, profile.name(), "choose another name or edit it");
            } else {
                indexForUpdate(now, replacing, profile.name());
            }
            if (password != null) {
                pgPass.store(profile.host(), profile.port(), profile.database(), profile.user(), new String(password));
            }
            if (replacing == null) {
                add(profile);
            } else {
                update(replacing, profile);
            }
            return profile;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** Removes a profile; unknown names are an error so typos do not pass silently. */
    public void remove(String name) {
        mutate(list -> {
            int index = indexOf(list, name);
            if (index < 0) {
                throw new ProfileException("no profile named '" + name + "': see 'profiles list'");
            }
            list.remove(index);
            return list;
        });
    }

    private static void requireFreeName(List<ConnectionProfile> list, String name, String advice) {
        if (indexOf(list, name) >= 0) {
            throw new ProfileException("a profile named '" + name + "' already exists: " + advice);
        }
    }

    private static int indexForUpdate(List<ConnectionProfile> list, String oldName, String newName) {
        int index = indexOf(list, oldName);
        if (index < 0) {
            throw new ProfileException("no profile named '" + oldName + "' (it may have been removed elsewhere)");
        }
        if (!oldName.equals(newName)) {
            requireFreeName(list, newName, "choose another name");
        }
        return index;
    }

    private static int indexOf(List<ConnectionProfile> list, String name) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private void mutate(UnaryOperator<List<ConnectionProfile>> change) {
        save(change);
        changeListeners.forEach(Runnable::run);
    }

    /** One change at a time in this process; the file's lock orders it with other processes. */
    private synchronized void save(UnaryOperator<List<ConnectionProfile>> change) {
        try {
            profiles = file.update(current -> Collections.unmodifiableList(change.apply(new ArrayList<>(current))));
        } catch (VersionedJsonFile.NotWritable e) {
            throw new ProfileException(e.getMessage(), e);
        } catch (IOException e) {
            throw new ProfileException("cannot save profiles to " + file.file() + ": " + e.getMessage(), e);
        }
    }

    /** profiles.json: {@code {"version": 1, "profiles": [...]}} (2 when a profile needs it: see {@link ProfileJson}). */
    private static final class Format implements VersionedJsonFile.Format<List<ConnectionProfile>> {
        @Override
        public List<ConnectionProfile> read(JsonNode root) throws VersionedJsonFile.Unusable {
            if (!root.path("profiles").isArray()) {
                throw VersionedJsonFile.Unusable.corrupt("has an unknown layout (format " + root.get("version").asInt()
                        + ")");
            }
            List<ConnectionProfile> list = new ArrayList<>();
            for (JsonNode n : root.get("profiles")) {
                try {
                    list.add(ProfileJson.read(n).validated());
                } catch (RuntimeException e) {
                    throw VersionedJsonFile.Unusable.corrupt("has an unusable profile entry: " + e.getMessage());
                }
            }
            return Collections.unmodifiableList(list);
        }

        @Override
        public void write(List<ConnectionProfile> list, ObjectNode root) {
            root.put("version", ProfileJson.formatVersionFor(list));
            ArrayNode arr = root.putArray("profiles");
            for (ConnectionProfile p : list) {
                ProfileJson.write(p, arr.addObject(), false);
            }
        }
    }
}
