package com.cruddur.console.core.profile;

import com.cruddur.console.core.settings.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL password file, read and written as libpq does: {@code $PGPASSFILE} or {@code ~/.pgpass},
 * lines of {@code hostname:port:database:username:password} with {@code \:} and {@code \\} escapes, {@code *}
 * matching anything in the first four fields, first match wins, and the file ignored when group or others
 * can read it. We write it with mode 0600.
 */
public final class PgPass {
    private final Path file;

    public PgPass(Path file) {
        this.file = file;
    }

    /** The file libpq would use for this environment. */
    public static PgPass forEnvironment(Map<String, String> env, Path home) {
        String override = env.get("PGPASSFILE");
        return new PgPass(override != null && !override.isBlank() ? Path.of(override) : home.resolve(".pgpass"));
    }

    public Path file() {
        return file;
    }

    /** The password for these connection parameters, or empty when no line matches or the file is unusable. */
    public Optional<String> lookup(String host, int port, String database, String user) throws PgPassException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            if (AtomicFiles.isGroupOrWorldAccessible(file)) {
                throw new PgPassException("password file " + file
                        + " has group or world access, so libpq and this tool ignore it: run chmod 0600 " + file);
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                List<String> f = fields(line);
                if (f == null) {
                    continue;
                }
                if (matches(f.get(0), host) && matches(f.get(1), Integer.toString(port))
                        && matches(f.get(2), database) && matches(f.get(3), user)) {
                    return Optional.of(f.get(4));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new PgPassException("cannot read password file " + file + ": " + e.getMessage());
        }
    }

    /**
     * Stores a password for exactly these parameters: replaces the line with the same four fields or appends one.
     * Other lines are kept as they were. The file is written atomically with mode 0600, under the lock of
     * {@code <file>.lock}, so two processes storing at once both keep their entry.
     */
    public void store(String host, int port, String database, String user, String password) throws PgPassException {
        String entry = String.join(":", escape(host), Integer.toString(port), escape(database), escape(user), escape(password));
        try {
            // Read, change and write under the file's lock: two processes storing at once must not lose an entry.
            AtomicFiles.underLock(file, () -> {
                List<String> lines = readLines();
                boolean replaced = false;
                for (int i = 0; i < lines.size(); i++) {
                    List<String> f = fields(lines.get(i));
                    if (f != null && f.get(0).equals(host) && f.get(1).equals(Integer.toString(port))
                            && f.get(2).equals(database) && f.get(3).equals(user)) {
                        if (!replaced) {
                            lines.set(i, entry);
                            replaced = true;
                        } else {
                            lines.remove(i--);
                        }
                    }
                }
                if (!replaced) {
                    // libpq uses the first match, so a specific line must come before any wildcard line.
                    lines.add(0, entry);
                }
                AtomicFiles.writePrivate(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
                return null;
            });
        } catch (IOException e) {
            throw new PgPassException("cannot write password file " + file + ": " + e.getMessage());
        }
    }

    private List<String> readLines() throws IOException {
        try {
            return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException absent) {
            return new ArrayList<>(); // first entry
        }
    }

    private static boolean matches(String field, String value) {
        return field.equals("*") || field.equals(value);
    }

    /** Splits a line into its five unescaped fields; null for comments, blank or short lines. */
    static List<String> fields(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        List<String> out = new ArrayList<>(5);
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else if (c == ':' && out.size() < 4) {
                out.add(cur.toString());
                cur.setLength(0);
            } else if (c == ':') {
                break; // libpq ends the password at the first unescaped ':'
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        if (out.size() < 5) {
            return null;
        }
        out.set(4, out.get(4).replaceAll("\r$", ""));
        return out;
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace(":", "\\:");
    }

    /** A problem with the password file, with what to do about it. */
    public static class PgPassException extends Exception {
        public PgPassException(String message) {
            super(message);
        }
    }
}
