package com.cruddur.console.core.aws;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.cruddur.console.core.settings.VersionedJsonFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The GUI's AWS settings (profile, region, endpoint, IP lookup services) in {@code aws.json} of the config folder,
 * a {@link VersionedJsonFile} as {@code profiles.json} is: a corrupt or newer-format file is kept aside and defaults
 * are used, with a warning.
 */
public final class AwsSettingsStore {
    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "aws.json";

    private final VersionedJsonFile<AwsSettings> file;
    private volatile String warning;

    public AwsSettingsStore(Path configDir) {
        this.file = new VersionedJsonFile<>(configDir.resolve(FILE_NAME), FORMAT_VERSION, new Format(),
                AwsSettings.defaults(), "AWS settings", "default AWS settings are used");
    }

    public Path file() {
        return file.file();
    }

    /** Why the file could not be used at the last {@link #load()}, if it could not. */
    public Optional<String> loadWarning() {
        return Optional.ofNullable(warning);
    }

    /** Reads the settings; a missing file gives defaults, an unusable one defaults plus a warning. */
    public synchronized AwsSettings load() {
        VersionedJsonFile.Loaded<AwsSettings> loaded = file.load();
        warning = loaded.warning().orElse(null);
        return loaded.value();
    }

    /** Writes the settings atomically with mode 0600. */
    public synchronized void save(AwsSettings s) throws IOException {
        file.write(s);
    }

    /** aws.json: {@code {"version": 1, "profile": ..., "region": ..., "endpoint": ..., "ipServices": [...]}}. */
    private static final class Format implements VersionedJsonFile.Format<AwsSettings> {
        @Override
        public AwsSettings read(JsonNode root) throws VersionedJsonFile.Unusable {
            try {
                List<URI> ips = new ArrayList<>();
                for (JsonNode n : root.path("ipServices")) {
                    ips.add(AwsClients.parseEndpoint(n.asText()));
                }
                String endpoint = VersionedJsonFile.text(root, "endpoint");
                return new AwsSettings(VersionedJsonFile.text(root, "profile"), VersionedJsonFile.text(root, "region"),
                        endpoint == null ? null : AwsClients.parseEndpoint(endpoint), ips);
            } catch (RuntimeException e) {
                throw VersionedJsonFile.Unusable.corrupt("has an unusable value: " + e.getMessage());
            }
        }

        @Override
        public void write(AwsSettings s, ObjectNode root) {
            root.put("profile", s.profile());
            root.put("region", s.region());
            root.put("endpoint", s.endpointOverride() == null ? null : s.endpointOverride().toString());
            ArrayNode ips = root.putArray("ipServices");
            s.ipServices().forEach(u -> ips.add(u.toString()));
        }
    }
}
