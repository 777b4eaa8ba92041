package com.cruddur.console.core.aws;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.cruddur.console.core.settings.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The GUI's AWS settings (profile, region, endpoint, IP lookup services) in {@code aws.json} of the config folder.
 * A corrupt or newer-format file is kept aside and defaults are used, with a warning, as ProfileStore does.
 */
public final class AwsSettingsStore {
    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "aws.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private String warning;
    /** False while the file on disk could be neither read nor moved aside: saving would overwrite it. */
    private boolean writable = true;

    public AwsSettingsStore(Path configDir) {
        this.file = configDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** Why the file could not be used at the last {@link #load()}, if it could not. */
    public synchronized Optional<String> loadWarning() {
        return Optional.ofNullable(warning);
    }

    /** Reads the settings; a missing file gives defaults, an unusable one defaults plus a warning. */
    public synchronized AwsSettings load() {
        warning = null;
        writable = true;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException absent) {
            return AwsSettings.defaults();
        } catch (IOException e) {
            writable = false;
            warning = "cannot read " + file + " (" + e.getMessage() + "): fix its permissions (chmod 600);"
                    + " default AWS settings are used";
            return AwsSettings.defaults();
        }
        try {
            return parse(bytes);
        } catch (Unusable bad) {
            Path aside = keepAside(bad.suffix);
            warning = file.getFileName() + " " + bad.getMessage() + "; it was kept as " + aside
                    + " and default AWS settings are used";
            return AwsSettings.defaults();
        }
    }

    /** Writes the settings atomically with mode 0600. */
    public synchronized void save(AwsSettings s) throws IOException {
        if (!writable) {
            throw new IOException("AWS settings are not saved because " + file
                    + " could not be read or kept aside: fix its permissions first");
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("version", FORMAT_VERSION);
        root.put("profile", s.profile());
        root.put("region", s.region());
        root.put("endpoint", s.endpointOverride() == null ? null : s.endpointOverride().toString());
        ArrayNode ips = root.putArray("ipServices");
        s.ipServices().forEach(u -> ips.add(u.toString()));
        AtomicFiles.writePrivate(file, JSON.writeValueAsBytes(root));
    }

    private static AwsSettings parse(byte[] bytes) throws Unusable {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new Unusable("is not valid JSON", "corrupt");
        }
        if (root == null || !root.isObject() || !root.path("version").isInt()) {
            throw new Unusable("has no format version", "corrupt");
        }
        int version = root.get("version").asInt();
        if (version > FORMAT_VERSION) {
            throw new Unusable("was written by a newer Cruddur Console (format " + version + ", this one reads "
                    + FORMAT_VERSION + ")", "v" + version);
        }
        try {
            List<URI> ips = new ArrayList<>();
            for (JsonNode n : root.path("ipServices")) {
                ips.add(AwsClients.parseEndpoint(n.asText()));
            }
            String endpoint = text(root, "endpoint");
            return new AwsSettings(text(root, "profile"), text(root, "region"),
                    endpoint == null ? null : AwsClients.parseEndpoint(endpoint), ips);
        } catch (RuntimeException e) {
            throw new Unusable("has an unusable value: " + e.getMessage(), "corrupt");
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private Path keepAside(String suffix) {
        try {
            return AtomicFiles.moveAside(file, suffix);
        } catch (IOException e) {
            writable = false;
            return file; // could not move it: refuse to save rather than overwrite it
        }
    }

    private static final class Unusable extends Exception {
        final String suffix;

        Unusable(String message, String suffix) {
            super(message, null, false, false);
            this.suffix = suffix;
        }
    }
}
