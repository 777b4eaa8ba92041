package com.cruddur.console.core.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A settings file in JSON with a format version ({@code profiles.json}, {@code aws.json}): written atomically with
 * mode 0600 under an inter-process lock; a file this version cannot understand (not JSON, no version, a newer
 * format, an unusable entry) is renamed aside and reported, never overwritten; one that cannot be read at all is
 * reported and then never written over.
 *
 * @param <T> what the file holds
 */
public final class VersionedJsonFile<T> {
    /** How the file's body maps to a value; {@code root} is the whole document, its version already checked. */
    public interface Format<T> {
        T read(JsonNode root) throws Unusable;

        void write(T value, ObjectNode root);
    }

    /** The file's content cannot be used by this version; {@code suffix} names the copy kept aside. */
    public static final class Unusable extends Exception {
        private final String suffix;

        public Unusable(String message, String suffix) {
            super(message, null, false, false);
            this.suffix = suffix;
        }

        /** An entry or value this version cannot use: the file is kept aside as {@code .corrupt-<time>}. */
        public static Unusable corrupt(String message) {
            return new Unusable(message, "corrupt");
        }
    }

    /** Saving was refused because the file on disk could be neither read nor kept aside. */
    public static final class NotWritable extends IOException {
        NotWritable(String message) {
            super(message);
        }
    }

    /** What a load found: the value (the empty one when the file was absent or unusable) and, if so, why. */
    public record Loaded<T>(T value, Optional<String> warning) {
    }

    private final Path file;
    private final int version;
    private final Format<T> format;
    private final T empty;
    private final String contents;
    private final String instead;
    /** False while the file on disk could be neither read nor moved aside: writing would destroy it. */
    private volatile boolean writable = true;

    /**
     * @param contents what the file holds, for messages ("profiles")
     * @param instead  what happens when it cannot be used ("the console started with no saved profiles")
     */
    public VersionedJsonFile(Path file, int version, Format<T> format, T empty, String contents, String instead) {
        this.file = file;
        this.version = version;
        this.format = format;
        this.empty = empty;
        this.contents = contents;
        this.instead = instead;
    }

    public Path file() {
        return file;
    }

    /** Reads the file; an unusable one is moved aside, and the warning says so and where it went. */
    public Loaded<T> load() {
        writable = true;
        try {
            return new Loaded<>(read(), Optional.empty());
        } catch (NoSuchFileException absent) {
            return new Loaded<>(empty, Optional.empty());
        } catch (IOException unreadable) {
            writable = false;
            return new Loaded<>(empty, Optional.of("cannot read " + file + ": " + whatToDo(unreadable) + "; "
                    + instead + ", and " + contents + " are not saved until then"));
        } catch (Unusable bad) {
            Path aside;
            try {
                aside = AtomicFiles.moveAside(file, bad.suffix);
            } catch (IOException e) {
                writable = false; // could not move it: refuse to save rather than overwrite it
                aside = file;
            }
            return new Loaded<>(empty, Optional.of(file.getFileName() + " " + bad.getMessage() + "; it was kept as "
                    + aside + " and " + instead));
        }
    }

    /** What is wrong with a file that cannot be read, and what to do, by what the file system says it is. */
    private String whatToDo(IOException unreadable) {
        if (Files.isDirectory(file)) {
            return "it is a folder, not a file: move it away or remove it (the console keeps its " + contents
                    + " in a file of that name)";
        }
        if (unreadable instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: make it yours and readable (chown, then chmod 600)";
        }
        return unreadable.getMessage() + ": check the file";
    }

    /** Replaces the file's content with {@code value}. */
    public void write(T value) throws IOException {
        update(current -> value);
    }

    /**
     * Reads the file again under its lock, applies {@code change} and writes the result, so another process's change
     * made since our load is kept. Returns what was written.
     */
    public T update(UnaryOperator<T> change) throws IOException {
        if (!writable) {
            throw new NotWritable(capitalised(contents) + " are not saved because " + file
                    + " could not be read or kept aside: fix its permissions first");
        }
        return AtomicFiles.underLock(file, () -> {
            T current;
            try {
                current = read();
            } catch (NoSuchFileException absent) {
                current = empty;
            } catch (Unusable changedUnderUs) {
                throw new NotWritable(file + " " + changedUnderUs.getMessage()
                        + " (changed by another program?): nothing was saved; restart the console to set it aside");
            }
            T next = change.apply(current);
            ObjectNode root = JsonTree.object();
            root.put("version", version);
            format.write(next, root);
            AtomicFiles.writePrivate(file, JsonTree.write(root));
            return next;
        });
    }

    private T read() throws IOException, Unusable {
        byte[] bytes = Files.readAllBytes(file);
        JsonNode root;
        try {
            root = JsonTree.read(bytes);
        } catch (IOException e) {
            throw Unusable.corrupt("is not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (root == null || !root.isObject() || !root.path("version").isInt()) {
            throw Unusable.corrupt("has no format version");
        }
        int found = root.get("version").asInt();
        if (found > version) {
            throw new Unusable("was written by a newer Cruddur Console (format " + found + ", this one reads "
                    + version + ")", "v" + found);
        }
        if (found < 1) {
            throw Unusable.corrupt("has an unknown layout (format " + found + ")");
        }
        return format.read(root);
    }

    /** A text value of {@code root}, or null when absent or JSON null. */
    public static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
