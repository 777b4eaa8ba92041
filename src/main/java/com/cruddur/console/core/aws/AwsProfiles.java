package com.cruddur.console.core.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists the profiles of the shared AWS config and credentials files, the way the AWS CLI reads them:
 * {@code [default]} and {@code [profile x]} in config, {@code [x]} in credentials, {@code [sso-session x]} skipped.
 * Honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE.
 */
public final class AwsProfiles {

    /** One named profile; {@code sso} when it signs in through IAM Identity Center. */
    public record Profile(String name, String region, boolean sso, boolean inConfig, boolean inCredentials) {
        /** What to run when this profile has no valid credentials. */
        public String signInHint() {
            String flag = "default".equals(name) ? "" : " --profile " + name;
            return sso ? "aws sso login" + flag : "aws configure" + flag + " (or aws configure sso" + flag + ")";
        }
    }

    private AwsProfiles() {
    }

    /** Profiles found for this user, config order first; missing files simply give no profiles. */
    public static List<Profile> list(Path home, Map<String, String> env) {
        Path config = configFile(home, env);
        Path credentials = credentialsFile(home, env);
        Map<String, Map<String, String>> fromConfig = new LinkedHashMap<>();
        parse(config).forEach((section, keys) -> {
            String name = configProfileName(section);
            if (name != null) {
                fromConfig.computeIfAbsent(name, n -> new LinkedHashMap<>()).putAll(keys);
            }
        });
        Map<String, Map<String, String>> fromCredentials = parse(credentials);

        List<Profile> out = new ArrayList<>();
        fromConfig.forEach((name, keys) -> out.add(new Profile(name, keys.get("region"), isSso(keys), true,
                fromCredentials.containsKey(name))));
        fromCredentials.forEach((name, keys) -> {
            if (!fromConfig.containsKey(name)) {
                out.add(new Profile(name, keys.get("region"), isSso(keys), false, true));
            }
        });
        return out;
    }

    /** Looks up one profile by name, or null. */
    public static Profile find(Path home, Map<String, String> env, String name) {
        return list(home, env).stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /** The shared config file: AWS_CONFIG_FILE or ~/.aws/config. */
    public static Path configFile(Path home, Map<String, String> env) {
        return fileFrom(env, "AWS_CONFIG_FILE", home, "config");
    }

    /** The shared credentials file: AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials. */
    public static Path credentialsFile(Path home, Map<String, String> env) {
        return fileFrom(env, "AWS_SHARED_CREDENTIALS_FILE", home, "credentials");
    }

    private static Path fileFrom(Map<String, String> env, String var, Path home, String name) {
        String v = env.get(var);
        if (v != null && !v.isBlank()) {
            return v.startsWith("~/") ? home.resolve(v.substring(2)) : Path.of(v);
        }
        return home.resolve(".aws").resolve(name);
    }

    private static String configProfileName(String section) {
        if (section.equals("default")) {
            return "default";
        }
        if (section.startsWith("profile ")) {
            String n = section.substring("profile ".length()).trim();
            return n.isEmpty() ? null : n;
        }
        return null; // sso-session, services and anything else are not profiles
    }

    private static boolean isSso(Map<String, String> keys) {
        return keys.keySet().stream().anyMatch(k -> k.startsWith("sso_"));
    }

    /** Minimal INI reader: sections, key = value, '#'/';' comments, indented continuation lines ignored. */
    static Map<String, Map<String, String>> parse(Path file) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return sections;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> current = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1).strip().replaceAll("\\s+", " ");
                current = sections.computeIfAbsent(name, n -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (current == null || eq <= 0 || Character.isWhitespace(raw.charAt(0))) {
                continue; // nested (s3 = ...) sub-keys and stray lines do not matter for listing
            }
            current.put(line.substring(0, eq).strip().toLowerCase(), line.substring(eq + 1).strip());
        }
        return sections;
    }
}
