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
import java.util.function.Consumer;

/**
 * Exports the whole filtered result to a CSV or JSON file with progress and cancel; the outcome is a notice (with
 * "Show in folder" when a file was written).
 */
public final class ExportViewModel {
    private final BrowseCalls calls;
    private final GridViewModel grid;
    private final Consumer<BrowseNotice> notices;
    private final SimpleStringProperty progress = new SimpleStringProperty("");
    private final TaskGroup exports;

    ExportViewModel(BrowseCalls calls, GridViewModel grid, Consumer<BrowseNotice> notices) {
        this.calls = calls;
        this.grid = grid;
        this.notices = notices;
        this.exports = calls.group();
    }

    /** "exporting activities: 12,000 rows…" while it runs, then what was written or why not. */
    public ReadOnlyStringProperty progressProperty() { return progress; }
    public ReadOnlyBooleanProperty runningProperty() { return exports.runningProperty(); }

    /** Starts the export of what the grid shows (all pages, current filter and sort) to {@code file}. */
    public void export(Path file, Exporter.Format format) {
        var page = grid.pageProperty().get();
        if (page == null || exports.isRunning()) {
            return;
        }
        PageRequest req = page.request();
        String name = req.table().ref().name();
        Cancellation c = Cancellation.create();
        progress.set("exporting " + name + "…");
        AtomicLong latest = new AtomicLong();
        exports.run("Exporting " + req.table().ref(), () -> calls.service.export(calls.session.database(), req.table(),
                req.filter(), req.sort(), format, file, n -> {
                    // coalesce: at most one pending update on the UI thread however fast rows arrive
                    if (latest.getAndSet(n) == 0) {
                        calls.tasks.post(() -> progress.set(String.format("exporting %s: %,d rows…", name,
                                latest.getAndSet(0))));
                    }
                }, c), c::cancel, r -> {
                    progress.set(String.format("exported %,d rows to %s", r.rows(), r.file()));
                    Path folder = r.file().toAbsolutePath().getParent();
                    notices.accept(new BrowseNotice(String.format("Exported %,d %s of %s to %s", r.rows(),
                            r.rows() == 1 ? "row" : "rows", req.table().ref(), r.file()), false, folder));
                }, e -> {
                    boolean cancelled = TaskOutcome.isCancellation(e);
                    progress.set(cancelled ? "export cancelled — no file written" : "export failed: " + BrowseCalls.message(e));
                    notices.accept(cancelled ? BrowseNotice.info("Export of " + req.table().ref()
                            + " cancelled — no file written") : BrowseNotice.error("Export of " + req.table().ref()
                            + " failed: " + BrowseCalls.message(e)));
                });
    }

    /** Stops the running export; its temporary file is removed and nothing is written. */
    public void cancel() {
        exports.cancelAll();
    }

    /** Forgets the last outcome (another table is shown); a running export keeps its progress. */
    void clearOutcome() {
        if (!exports.isRunning()) {
            progress.set("");
        }
    }
}
