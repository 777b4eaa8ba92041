package com.cruddur.console.core.schema.migrate;

import com.cruddur.console.core.schema.SchemaException;
import com.cruddur.console.core.schema.script.SqlFile;
import com.cruddur.console.core.schema.script.SqlFileBytes;
import com.cruddur.console.core.schema.script.SqlFileException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A project's {@code db/migrations/} folder as dbmate reads it: every file whose name is a run of digits (the
 * version) followed by anything and {@code .sql}, in the byte order of their names (dbmate's order, which is the
 * version order for its 14-digit timestamps). Where dbmate silently skips a file that looks meant as a migration (no
 * leading version, {@code .SQL}), or would mix up two files with one version, this refuses with the file's name.
 */
public final class MigrationFolder {
    /** Where dbmate looks by default, relative to the project folder. */
    public static final String RELATIVE = "db/migrations";
    /** dbmate's migrationFileRegexp {@code ^(\d+).*\.sql$}, with Go's meaning of {@code .} and {@code $}. */
    private static final Pattern NAME = Pattern.compile("^([0-9]+)[^\\n]*\\.sql\\z");
    private static final Pattern NEW_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    /** dbmate's migrationTemplate, so a new file looks the same whichever tool made it. */
    static final String TEMPLATE = "-- migrate:up\n\n\n-- migrate:down\n\n";
    private static final Comparator<String> BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private final Path dir;

    private MigrationFolder(Path dir) {
        this.dir = dir;
    }

    public static MigrationFolder of(Path dir) {
        return new MigrationFolder(dir);
    }

    /** {@code db/migrations} of a project folder. */
    public static MigrationFolder inProject(Path project) {
        return new MigrationFolder(project.resolve(RELATIVE));
    }

    public Path dir() {
        return dir;
    }

    /** True when the folder (or something at its path) exists. */
    public boolean exists() {
        return Files.exists(dir);
    }

    /**
     * The migration files in dbmate's order, each read, hashed and split (a file that cannot be used carries its
     * {@link MigrationFile#problem()}). No folder means no migrations. Throws when the folder cannot be read or a
     * name is one dbmate would skip or confuse, naming every such file.
     */
    public List<MigrationFile> scan() {
        if (!Files.exists(dir)) {
            refuseUnreachable();
            return List.of();
        }
        List<String> names = names();
        List<String> refused = new ArrayList<>();
        Map<String, List<String>> byVersion = new LinkedHashMap<>();
        for (String name : names) {
            Matcher m = NAME.matcher(name);
            if (m.matches()) {
                Path file = dir.resolve(name);
                if (Files.isRegularFile(file)) {
                    byVersion.computeIfAbsent(m.group(1), v -> new ArrayList<>()).add(name);
                } else {
                    refused.add(file + " is " + (Files.isDirectory(file) ? "a folder" : "not a regular file (a broken link?)")
                            + ", not a migration file: move it out of " + dir);
                }
            } else if (name.toLowerCase(Locale.ROOT).endsWith(".sql")) {
                refused.add(dir.resolve(name) + ": " + whyNotAMigration(name));
            }
        }
        byVersion.forEach((version, files) -> {
            if (files.size() > 1) {
                refused.add(dir.resolve(files.get(0)) + ": version " + version + " is also the version of "
                        + String.join(", ", files.subList(1, files.size())) + " — dbmate records versions, not names,"
                        + " so it would apply only one of them: give the other a new timestamp (db new-migration NAME)");
            }
        });
        if (!refused.isEmpty()) {
            throw new MigrationException(String.join("\n", refused) + (refused.size() > 1
                    ? "\n(" + refused.size() + " problems in " + dir + "; nothing was run)" : "\nnothing was run"));
        }
        List<MigrationFile> out = new ArrayList<>();
        byVersion.forEach((version, files) -> out.add(read(version, files.get(0))));
        out.sort(Comparator.comparing(MigrationFile::fileName, BYTE_ORDER));
        return out;
    }

    /** The file of {@code version}, read afresh (e.g. to show its SQL), or empty. */
    public java.util.Optional<MigrationFile> find(String version) {
        return scan().stream().filter(f -> f.version().equals(version)).findFirst();
    }

    /**
     * Creates {@code <UTC timestamp>_<name>.sql} with both sections (dbmate's template) and returns its path. The
     * folder is created when missing; files get the user's default permissions, as an editor would give them: a
     * migration is project source meant to be committed, not a private file.
     */
    public Path create(String name, Clock clock) {
        if (name == null || !NEW_NAME.matcher(name).matches()) {
            throw new InvalidMigrationNameException("migration name '" + (name == null ? "" : name) + "' is not usable in a file"
                    + " name: use letters, digits, '_' and '-' only, e.g. add_bio_to_users");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw notAFolder(null);
        }
        if (!Files.exists(dir)) {
            refuseUnreachable();
        }
        String version = VERSION.format(clock.instant());
        Path file = dir.resolve(version + "_" + name + ".sql");
        for (MigrationFile existing : scan()) {
            if (existing.version().equals(version)) {
                throw new MigrationException(existing.path() + " already has version " + version + " (this second): "
                        + "wait a second and try again, so that each migration has its own version");
            }
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(file, TEMPLATE, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new MigrationException(file + " already exists: wait a second and try again", e);
        } catch (IOException e) {
            throw new MigrationException("cannot create " + file + ": " + reason(e), e);
        }
        return file;
    }

    private List<String> names() {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".")) { // editor swap and lock files, .gitkeep: never migrations
                    out.add(name);
                }
            }
        } catch (NotDirectoryException e) {
            throw notAFolder(e);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new MigrationException("cannot read the migrations folder " + dir + ": " + reason(e)
                    + "; nothing was run", e);
        }
        out.sort(BYTE_ORDER);
        return out;
    }

    /**
     * {@link Files#exists} is false for a link loop and a dangling link as for a folder never made; only the last
     * means "no migrations yet". The others are mistakes to report, or pending migrations would go silently unseen.
     */
    private void refuseUnreachable() {
        try {
            Files.readAttributes(dir, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(dir)) {
                String target;
                try {
                    target = Files.readSymbolicLink(dir).toString();
                } catch (IOException unreadable) {
                    target = "a path that cannot be read";
                }
                throw new MigrationException("the migrations folder " + dir + " is a symbolic link to " + target
                        + ", which does not exist: fix or remove the link; nothing was run", e);
            }
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? e.getMessage() : e.getReason();
            throw new MigrationException("the migrations folder " + dir + " cannot be reached: " + reason
                    + " — check the symbolic links on its path (a link that points to itself?); nothing was run", e);
        } catch (IOException e) {
            throw new MigrationException("cannot read the migrations folder " + dir + ": " + reason(e)
                    + "; nothing was run", e);
        }
    }

    private MigrationException notAFolder(Exception cause) {
        String message = "the migrations folder " + dir + " is a file, not a folder: dbmate and the console read"
                + " migrations from the folder " + RELATIVE + " of the project; move the file away; nothing was run";
        return cause == null ? new MigrationException(message) : new MigrationException(message, cause);
    }

    private static String whyNotAMigration(String name) {
        if (!(name.charAt(0) >= '0' && name.charAt(0) <= '9')) {
            return "the name does not start with a version number, so dbmate would never apply it: rename it"
                    + " VERSION_name.sql, e.g. 20240101120000_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_")
                    .replaceAll("_sql$", "") + ".sql";
        }
        if (!name.endsWith(".sql")) {
            return "dbmate only reads names ending in lower-case .sql, so it would skip this one: rename it";
        }
        return "dbmate would not read this name (a line break in it?): rename it VERSION_name.sql";
    }

    /** Reads, hashes and splits one file; what makes it unusable becomes its problem, named with file and line. */
    private MigrationFile read(String version, String name) {
        Path file = dir.resolve(name);
        String display = file.toString();
        byte[] bytes;
        try {
            bytes = SqlFileBytes.read(file, display); // bounded: a FIFO, device or huge file is refused unread
        } catch (SqlFileException e) {
            throw new MigrationException(e.getMessage().replace("; nothing was run", "") + "; nothing was run", e);
        }
        String sha = sha256(bytes);
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            return new MigrationFile(version, name, file, sha, "", null, null, display + ":1: starts with a UTF-8"
                    + " byte-order mark, which dbmate reads as text before '-- migrate:up' and refuses: save the file"
                    + " as UTF-8 without BOM");
        }
        String text;
        try {
            text = SqlFile.decodeUtf8(bytes, display);
        } catch (SchemaException e) {
            return new MigrationFile(version, name, file, sha, "", null, null, e.getMessage());
        }
        try {
            MigrationParser.Parsed parsed = MigrationParser.parse(text, display);
            return new MigrationFile(version, name, file, sha, text, parsed.up(), parsed.down(), null);
        } catch (SchemaException e) {
            return new MigrationFile(version, name, file, sha, text, null, null, e.getMessage());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
