package com.cruddur.console.core.query.history;

import com.cruddur.console.core.settings.VersionedJsonFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The .sql files this user last opened or saved in the Query tab, newest first, for every profile alike: kept in the
 * state folder ({@code query/recent-files.json}, 0600, written atomically under a lock, so two windows keep each
 * other's). Paths may name private folders, hence the mode.
 */
public final class RecentFiles {
    public static final int MAX = 10;
    public static final int FORMAT_VERSION = 1;

    private final VersionedJsonFile<List<Path>> file;

    public RecentFiles(Path stateDir) {
        this.file = new VersionedJsonFile<>(stateDir.resolve("query").resolve("recent-files.json"), FORMAT_VERSION,
                new Format(), List.of(), "recent files", "the list starts empty");
    }

    public Path file() {
        return file.file();
    }

    /** The list, and a warning when the file was unusable (it was moved aside and the list starts empty). */
    public VersionedJsonFile.Loaded<List<Path>> load() {
        return file.load();
    }

    /** Puts {@code path} first (once), keeps the newest {@link #MAX}, and returns the list as written. */
    public List<Path> add(Path path) throws IOException {
        Path p = path.toAbsolutePath().normalize();
        return file.update(list -> {
            List<Path> out = new ArrayList<>(MAX);
            out.add(p);
            list.stream().filter(x -> !x.equals(p)).limit(MAX - 1).forEach(out::add);
            return List.copyOf(out);
        });
    }

    /** {"version": 1, "files": ["/home/me/report.sql", …]} */
    private static final class Format implements VersionedJsonFile.Format<List<Path>> {
        @Override
        public List<Path> read(JsonNode root) throws VersionedJsonFile.Unusable {
            List<Path> out = new ArrayList<>();
            for (JsonNode f : root.path("files")) {
                Optional<Path> p = f.isTextual() ? parse(f.asText()) : Optional.empty();
                if (p.isEmpty()) {
                    throw VersionedJsonFile.Unusable.corrupt("holds an entry that is not a file path");
                }
                if (out.size() < MAX) {
                    out.add(p.get());
                }
            }
            return List.copyOf(out);
        }

        private static Optional<Path> parse(String text) {
            try {
                Path p = Path.of(text);
                return p.isAbsolute() ? Optional.of(p) : Optional.empty();
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }

        @Override
        public void write(List<Path> files, ObjectNode root) {
            ArrayNode list = root.putArray("files");
            files.forEach(p -> list.add(p.toString()));
        }
    }
}
