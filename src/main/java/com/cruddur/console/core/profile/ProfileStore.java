package com.cruddur.console.core.profile;

import com.cruddur.console.core.settings.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The saved profiles, in {@code profiles.json} (versioned, mode 0600, written atomically).
 * Each change re-reads the file under a lock, so the GUI and a CLI run at the same time do not lose each
 * other's edits. A file that cannot be understood is renamed aside and reported, never overwritten.
 */
public final class ProfileStore {
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private List<ConnectionProfile> profiles = List.of();
    private String warning;
    private boolean writable = true;

    public ProfileStore(Path file) {
        this.file = file;
        reload();
    }

    public Path file() {
        return file;
    }

    /** Re-reads the file; a corrupt or newer-format file is moved aside and reported by {@link #loadWarning()}. */
    public synchronized void reload() {
        warning = null;
        writable = true;
        try {
            profiles = read();
        } catch (NoSuchFileException absent) {
            profiles = List.of();
        } catch (IOException unreadable) {
            profiles = List.of();
            writable = false;
            warning = "cannot read " + file + " (" + unreadable.getMessage()
                    + "): fix its permissions (chmod 600); profiles will not be saved until then";
        } catch (UnusableFileException bad) {
            profiles = List.of();
            Path aside = keepAside(bad.suffix);
            warning = file.getFileName() + " " + bad.getMessage() + "; it was kept as " + aside
                    + " and the console started with no saved profiles";
        }
    }

    /** Why the file could not be used at the last load, if it could not. */
    public synchronized Optional<String> loadWarning() {
        return Optional.ofNullable(warning);
    }

    /** The saved profiles, in the order they were added. */
    public synchronized List<ConnectionProfile> list() {
        return profiles;
    }

    public synchronized Optional<ConnectionProfile> find(String name) {
        return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Adds a new profile; the name must not be taken. */
    public void add(ConnectionProfile profile) {
        profile.validated();
        mutate(list -> {
            if (list.stream().anyMatch(p -> p.name().equals(profile.name()))) {
                throw new ProfileException("a profile named '" + profile.name() + "' already exists: choose another name or edit it");
            }
            list.add(profile);
            return list;
        });
    }

    /** Replaces the profile called {@code oldName} (which may be renamed) with {@code profile}. */
    public void update(String oldName, ConnectionProfile profile) {
        profile.validated();
        mutate(list -> {
            int index = indexOf(list, oldName);
            if (index < 0) {
                throw new ProfileException("no profile named '" + oldName + "' (it may have been removed elsewhere)");
            }
            if (!oldName.equals(profile.name()) && indexOf(list, profile.name()) >= 0) {
                throw new ProfileException("a profile named '" + profile.name() + "' already exists: choose another name");
            }
            list.set(index, profile);
            return list;
        });
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

    private static int indexOf(List<ConnectionProfile> list, String name) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private synchronized void mutate(UnaryOperator<List<ConnectionProfile>> change) {
        if (!writable) {
            throw new ProfileException("profiles are not saved because " + file + " cannot be read: fix its permissions first");
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                List<ConnectionProfile> current;
                try {
                    current = read();
                } catch (NoSuchFileException absent) {
                    current = new ArrayList<>();
                } catch (UnusableFileException changedUnderUs) {
                    throw new ProfileException(file + " " + changedUnderUs.getMessage()
                            + " (changed by another program?): nothing was saved; restart the console to set it aside");
                }
                List<ConnectionProfile> next = change.apply(new ArrayList<>(current));
                AtomicFiles.writePrivate(file, serialize(next));
                profiles = Collections.unmodifiableList(new ArrayList<>(next));
            }
        } catch (IOException e) {
            throw new ProfileException("cannot save profiles to " + file + ": " + e.getMessage(), e);
        }
    }

    private List<ConnectionProfile> read() throws IOException, UnusableFileException {
        byte[] bytes = Files.readAllBytes(file);
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UnusableFileException("is not valid JSON (" + firstLine(e.getMessage()) + ")", "corrupt");
        }
        if (root == null || !root.isObject() || !root.path("version").isInt()) {
            throw new UnusableFileException("has no format version", "corrupt");
        }
        int version = root.get("version").asInt();
        if (version > FORMAT_VERSION) {
            throw new UnusableFileException("was written by a newer Cruddur Console (format " + version
                    + ", this one reads " + FORMAT_VERSION + ")", "v" + version);
        }
        if (version < 1 || !root.path("profiles").isArray()) {
            throw new UnusableFileException("has an unknown layout (format " + version + ")", "corrupt");
        }
        List<ConnectionProfile> list = new ArrayList<>();
        for (JsonNode n : root.get("profiles")) {
            try {
                list.add(fromJson(n).validated());
            } catch (RuntimeException e) {
                throw new UnusableFileException("has an unusable profile entry: " + e.getMessage(), "corrupt");
            }
        }
        return Collections.unmodifiableList(list);
    }

    private Path keepAside(String suffix) {
        try {
            return AtomicFiles.moveAside(file, suffix);
        } catch (IOException e) {
            writable = false;
            return file; // could not move it: refuse to save rather than overwrite it
        }
    }

    static byte[] serialize(List<ConnectionProfile> list) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", FORMAT_VERSION);
        ArrayNode arr = root.putArray("profiles");
        for (ConnectionProfile p : list) {
            ObjectNode n = arr.addObject();
            n.put("name", p.name());
            n.put("environment", p.environment().id());
            n.put("host", p.host());
            n.put("port", p.port());
            n.put("database", p.database());
            n.put("user", p.user());
            n.put("passwordSource", p.passwordSource().id());
            n.put("sslMode", p.sslMode().id());
            putIfSet(n, "sslRootCert", p.sslRootCert());
            n.put("readOnly", p.readOnly());
            n.put("connectTimeoutSeconds", p.connectTimeoutSeconds());
            n.put("statementTimeoutSeconds", p.statementTimeoutSeconds());
            n.put("applicationName", p.applicationName());
            putIfSet(n, "projectDir", p.projectDir());
            putIfSet(n, "rdsInstanceId", p.rdsInstanceId());
        }
        return JSON.writeValueAsBytes(root);
    }

    private static void putIfSet(ObjectNode n, String key, String value) {
        if (value != null) {
            n.put(key, value);
        }
    }

    private static ConnectionProfile fromJson(JsonNode n) {
        return ConnectionProfile.builder(text(n, "name", null))
                .environment(Environment.parse(text(n, "environment", "dev")))
                .host(text(n, "host", null))
                .port(n.path("port").asInt(ConnectionProfile.DEFAULT_PORT))
                .database(text(n, "database", null))
                .user(text(n, "user", null))
                .passwordSource(PasswordSource.parse(text(n, "passwordSource", "pgpass")))
                .sslMode(SslMode.parse(text(n, "sslMode", "prefer")))
                .sslRootCert(text(n, "sslRootCert", null))
                .readOnly(n.path("readOnly").asBoolean(false))
                .connectTimeoutSeconds(n.path("connectTimeoutSeconds").asInt(ConnectionProfile.DEFAULT_CONNECT_TIMEOUT))
                .statementTimeoutSeconds(n.path("statementTimeoutSeconds").asInt(0))
                .applicationName(text(n, "applicationName", null))
                .projectDir(text(n, "projectDir", null))
                .rdsInstanceId(text(n, "rdsInstanceId", null))
                .build();
    }

    private static String text(JsonNode n, String key, String fallback) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static final class UnusableFileException extends Exception {
        final String suffix;

        UnusableFileException(String message, String suffix) {
            super(message);
            this.suffix = suffix;
        }
    }
}
