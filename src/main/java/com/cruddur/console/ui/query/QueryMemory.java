package com.cruddur.console.ui.query;

import com.cruddur.console.core.query.history.HistoryEntry;
import com.cruddur.console.core.query.history.QueryHistory;
import com.cruddur.console.core.query.history.RecentFiles;
import com.cruddur.console.core.query.session.StatementResult;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.TaskOutcome;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the Query tab remembers per profile: the editor's text (saved a moment after each change and when the window
 * closes, so it survives a restart or a crash), the history of statements run (searchable), and the .sql files
 * opened or saved in this window. Files are read and written in the background.
 */
public final class QueryMemory {
    /** A file bigger than this is not opened in the editor (it is a dump: run it with the query command). */
    static final long MAX_FILE_BYTES = 5L * 1024 * 1024;
    private static final Duration SAVE_AFTER = Duration.ofSeconds(1);

    private final Path stateDir;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty search = new SimpleStringProperty("");
    private final ObservableList<HistoryEntry> history = FXCollections.observableArrayList();
    private final ObservableList<Path> recentFiles = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final RecentFiles recent;
    private String profile;
    private QueryHistory store;
    private TaskRunner.Handle saveTimer;
    private boolean loading;
    private long generation;

    public QueryMemory(Path stateDir, TaskRunner tasks, DialogService dialogs) {
        this.stateDir = stateDir;
        this.tasks = tasks;
        this.dialogs = dialogs;
        text.addListener((o, was, now) -> {
            if (!loading) {
                scheduleSave();
            }
        });
        search.addListener((o, was, now) -> refreshHistory());
        recent = new RecentFiles(stateDir);
        tasks.run("Reading the recent .sql files", recent::load, loaded -> {
            recentFiles.setAll(loaded.value());
            loaded.warning().ifPresent(w -> dialogs.showError("Recent files", w));
        }, failure -> report("Recent files", failure));
    }

    /** Saves the previous profile's text and shows {@code name}'s text and history (null: no profile). */
    void switchTo(String name) {
        flush();
        profile = name;
        store = name == null ? null : new QueryHistory(stateDir, name);
        long gen = ++generation;
        history.clear();
        if (store == null) {
            setLoaded("");
            return;
        }
        QueryHistory s = store;
        tasks.run("Reading the query history of " + name, () -> new Loaded(s.scratchText().orElse(""),
                s.search(search.get())), loaded -> {
            if (gen == generation) {
                setLoaded(loaded.text());
                history.setAll(loaded.history());
            }
        }, failure -> report("Query history", failure));
    }

    private record Loaded(String text, List<HistoryEntry> history) {
    }

    private void setLoaded(String value) {
        loading = true;
        try {
            text.set(value);
        } finally {
            loading = false;
        }
    }

    private void scheduleSave() {
        if (saveTimer != null) {
            saveTimer.cancel();
        }
        saveTimer = tasks.schedule(SAVE_AFTER, this::flush);
    }

    /** Writes the editor's text now, in the background (a change waiting for its timer is written at once). */
    public void flush() {
        if (saveTimer != null) {
            saveTimer.cancel();
            saveTimer = null;
        }
        QueryHistory s = store;
        String value = text.get();
        if (s == null) {
            return;
        }
        tasks.run("Saving the query editor's text", () -> {
            s.saveScratch(value);
            return null;
        }, ok -> { }, failure -> report("Query editor", failure));
    }

    /** Keeps a statement that ran (called on the worker thread that ran it). */
    void remember(String profileName, StatementResult s) {
        try {
            new QueryHistory(stateDir, profileName).add(s.text(), Instant.now(), s.millis(), s.rows(), s.ok(),
                    s.error() == null ? null : s.error().message());
        } catch (IOException e) {
            tasks.post(() -> report("Query history", e));
            return;
        }
        tasks.post(() -> {
            if (profileName.equals(profile)) {
                refreshHistory();
            }
        });
    }

    private void refreshHistory() {
        QueryHistory s = store;
        if (s == null) {
            return;
        }
        long gen = generation;
        String q = search.get();
        tasks.run("Searching the query history", () -> s.search(q), found -> {
            if (gen == generation && q.equals(search.get())) {
                history.setAll(found);
            }
        }, failure -> report("Query history", failure));
    }

    /** Opens a .sql file in the editor (its text replaces the editor's, which stays saved as the scratch text). */
    public void open(Path path) {
        tasks.run("Opening " + path.getFileName(), () -> {
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new IOException(path.getFileName() + " is larger than 5 MB: run it with the query command"
                        + " (cruddur-console query -f " + path + ")");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        }, content -> {
            text.set(content);
            file.set(path);
            remember(path);
        }, failure -> report("Open", failure));
    }

    /** Saves the editor's text to {@code path}. */
    public void save(Path path) {
        String value = text.get();
        tasks.run("Saving " + path.getFileName(), () -> {
            Files.writeString(path, value, StandardCharsets.UTF_8);
            return null;
        }, ok -> {
            file.set(path);
            remember(path);
        }, failure -> report("Save", failure));
    }

    /** Puts {@code path} first in the recent files, on disk too (the list is the user's, for every profile). */
    private void remember(Path path) {
        tasks.run("Remembering " + path.getFileName(), () -> recent.add(path), recentFiles::setAll,
                failure -> report("Recent files", failure));
    }

    private void report(String title, Throwable failure) {
        if (!TaskOutcome.isCancellation(failure)) {
            dialogs.showError(title, failure.getMessage());
        }
    }

    /** The editor's text (the view writes it on each change; a profile switch or an opened file replaces it). */
    public StringProperty textProperty() {
        return text;
    }

    /** Words the history list must hold. */
    public StringProperty searchProperty() {
        return search;
    }

    /** The active profile's statements matching the search, newest first. */
    public ObservableList<HistoryEntry> history() {
        return history;
    }

    public ObservableList<Path> recentFiles() {
        return recentFiles;
    }

    /** The .sql file last opened or saved, null when none. */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }
}
