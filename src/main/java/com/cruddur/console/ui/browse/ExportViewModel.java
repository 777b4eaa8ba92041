package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.Cancellation;
import com.cruddur.console.core.browse.Exporter;
import com.cruddur.console.core.browse.PageRequest;
import com.cruddur.console.ui.common.TaskGroup;
import com.cruddur.console.ui.common.TaskOutcome;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** Exports the whole filtered, sorted result to a CSV or JSON file with progress and cancel. */
public final class ExportViewModel {
    private final BrowseCalls calls;
    private final GridViewModel grid;
    private final SimpleStringProperty progress = new SimpleStringProperty("");
    private final TaskGroup exports;

    ExportViewModel(BrowseCalls calls, GridViewModel grid) {
        this.calls = calls;
        this.grid = grid;
        this.exports = calls.group();
    }

    /** "12,000 rows…", then what was written, or why it failed. */
    public ReadOnlyStringProperty progressProperty() { return progress; }
    public ReadOnlyBooleanProperty runningProperty() { return exports.runningProperty(); }

    /** Starts the export of what the grid shows (all pages, current filter and sort) to {@code file}. */
    public void export(Path file, Exporter.Format format) {
        var page = grid.pageProperty().get();
        if (page == null || exports.isRunning()) {
            return;
        }
        PageRequest req = page.request();
        Cancellation c = Cancellation.create();
        progress.set("exporting…");
        AtomicLong latest = new AtomicLong();
        exports.run("Exporting " + req.table().ref(), () -> calls.service.export(calls.session.database(), req.table(),
                req.filter(), req.sort(), format, file, n -> {
                    // coalesce: at most one pending update on the UI thread however fast rows arrive
                    if (latest.getAndSet(n) == 0) {
                        calls.tasks.post(() -> progress.set(String.format("%,d rows…", latest.getAndSet(0))));
                    }
                }, c), c::cancel, r -> progress.set(String.format("exported %,d rows to %s", r.rows(), r.file())),
                e -> progress.set(TaskOutcome.isCancellation(e) ? "export cancelled — no file written"
                        : "export failed: " + BrowseCalls.message(e)));
    }

    /** Stops the running export; its temporary file is removed and nothing is written. */
    public void cancel() {
        exports.cancelAll();
    }
}
