package com.cruddur.console.core.query.history;

import com.cruddur.console.core.settings.AtomicFiles;
import com.cruddur.console.core.settings.VersionedJsonFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Query tab's memory for one profile, in the state folder's {@code query/} folder: the statements run (newest
 * last, at most {@link #MAX_ENTRIES}, passwords masked by {@link SecretMask}) in a {@link VersionedJsonFile}, and the
 * editor's text (the scratch buffer) beside it. Both files are 0600 and written atomically.
 */
public final class QueryHistory {
    public static final int MAX_ENTRIES = 500;
    /** Longer statements are kept cut (a pasted dump should not make the history file megabytes). */
    public static final int MAX_TEXT = 20_000;
    public static final int FORMAT_VERSION = 1;

    private final VersionedJsonFile<List<HistoryEntry>> file;
    private final Path scratch;

    /** The history of profile {@code profile} under {@code stateDir}. */
    public QueryHistory(Path stateDir, String profile) {
        Path dir = stateDir.resolve("query");
        String name = fileName(profile);
        this.file = new VersionedJsonFile<>(dir.resolve(name + ".history.json"), FORMAT_VERSION, new Format(),
                List.of(), "query history", "the history starts empty");
        this.scratch = dir.resolve(name + ".scratch.sql");
    }

    /** A file name for any profile name: letters, digits, '-' and '_' as they are, anything else as _xxxx. */
    static String fileName(String profile) {
        StringBuilder b = new StringBuilder();
        for (char c : profile.toCharArray()) {
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '-')) {
                b.append(c);
            } else {
                b.append('_').append(String.format(Locale.ROOT, "%04x", (int) c));
            }
        }
        return b.isEmpty() ? "_" : b.toString();
    }

    public Path historyFile() {
        return file.file();
    }

    public Path scratchFile() {
        return scratch;
    }

    /** Everything kept, oldest first (an unusable file is set aside and reads as empty). */
    public synchronized List<HistoryEntry> entries() {
        return file.load().value();
    }

    /** Keeps one statement (masked, cut to {@link #MAX_TEXT}); the oldest go beyond {@link #MAX_ENTRIES}. */
    public synchronized void add(String text, Instant at, long millis, long rows, boolean ok, String error)
            throws IOException {
        String masked = SecretMask.mask(text.strip());
        String kept = masked.length() > MAX_TEXT ? masked.substring(0, MAX_TEXT) + "\n-- (cut)" : masked;
        // the server's message may quote the statement (syntax errors do): not kept when the text held a password
        String why = error == null ? null : !masked.equals(text.strip()) ? "failed (message not kept: the statement"
                + " held a password)" : error.lines().findFirst().orElse("");
        HistoryEntry entry = new HistoryEntry(kept, at, millis, rows, ok, why);
        file.update(current -> {
            List<HistoryEntry> next = new ArrayList<>(current);
            next.add(entry);
            return List.copyOf(next.subList(Math.max(0, next.size() - MAX_ENTRIES), next.size()));
        });
    }

    /** Entries whose text holds every word of {@code query} (any case), newest first. */
    public List<HistoryEntry> search(String query) {
        String[] words = query.toLowerCase(Locale.ROOT).trim().split("\\s+");
        List<HistoryEntry> all = entries();
        List<HistoryEntry> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            String text = all.get(i).text().toLowerCase(Locale.ROOT);
            boolean match = true;
            for (String w : words) {
                match &= text.contains(w);
            }
            if (match) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    /** The editor's text as last saved, if any. */
    public synchronized Optional<String> scratchText() throws IOException {
        try {
            return Optional.of(Files.readString(scratch, StandardCharsets.UTF_8));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        }
    }

    /** Saves the editor's text (0600, atomically: a crash leaves the previous text or this one, never half). */
    public synchronized void saveScratch(String text) throws IOException {
        AtomicFiles.writePrivate(scratch, text.getBytes(StandardCharsets.UTF_8));
    }

    /** {"version": 1, "entries": [{"text", "at", "millis", "rows", "ok", "error"}…]} */
    private static final class Format implements VersionedJsonFile.Format<List<HistoryEntry>> {
        @Override
        public List<HistoryEntry> read(JsonNode root) throws VersionedJsonFile.Unusable {
            List<HistoryEntry> out = new ArrayList<>();
            for (JsonNode e : root.path("entries")) {
                String text = VersionedJsonFile.text(e, "text");
                String at = VersionedJsonFile.text(e, "at");
                if (text == null || at == null) {
                    throw VersionedJsonFile.Unusable.corrupt("has an entry without text or time");
                }
                try {
                    out.add(new HistoryEntry(text, Instant.parse(at), e.path("millis").asLong(),
                            e.path("rows").asLong(-1), e.path("ok").asBoolean(), VersionedJsonFile.text(e, "error")));
                } catch (java.time.format.DateTimeParseException bad) {
                    throw VersionedJsonFile.Unusable.corrupt("has an entry with an unreadable time \"" + at + "\"");
                }
            }
            return List.copyOf(out);
        }

        @Override
        public void write(List<HistoryEntry> entries, ObjectNode root) {
            ArrayNode list = root.putArray("entries");
            for (HistoryEntry h : entries) {
                ObjectNode e = list.addObject();
                e.put("text", h.text());
                e.put("at", h.at().toString());
                e.put("millis", h.millis());
                e.put("rows", h.rows());
                e.put("ok", h.ok());
                if (h.error() != null) {
                    e.put("error", h.error());
                }
            }
        }
    }
}
