package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.core.browse.Filter;
import com.cruddur.console.core.browse.ForeignKey;
import com.cruddur.console.core.browse.Page;
import com.cruddur.console.core.browse.RowFormats;
import com.cruddur.console.core.browse.RowNavigation;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.core.browse.TableRef;
import com.cruddur.console.core.browse.TableSummary;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.Session;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;

import java.time.Duration;
import java.util.List;

/**
 * The Browse tab: table list, grid, filter, row detail, copy, export and simulate-sign-up, coordinated.
 * Each part has its own view model; this one wires them together and to the session's active profile.
 */
public final class BrowseViewModel {
    /** Clipboard formats for the selected rows. */
    public enum CopyFormat { JSON, CSV, INSERT }

    static final Duration AUTO_REFRESH_EVERY = Duration.ofSeconds(10);

    private final TableListViewModel tables;
    private final GridViewModel grid;
    private final FilterViewModel filter = new FilterViewModel();
    private final RowDetailViewModel detail = new RowDetailViewModel();
    private final ExportViewModel export;
    private final SignupViewModel signup;
    private final BooleanProperty autoRefresh = new SimpleBooleanProperty(false);
    private final BooleanBinding usersTable;
    private final TaskRunner tasks;
    private TaskRunner.Handle autoRefreshTimer;
    private boolean following;

    public BrowseViewModel(BrowseService service, Session session, TaskRunner tasks, DialogService dialogs) {
        this.tasks = tasks;
        BrowseCalls calls = new BrowseCalls(service, session, tasks);
        tables = new TableListViewModel(calls);
        grid = new GridViewModel(calls);
        export = new ExportViewModel(calls, grid);
        signup = new SignupViewModel(calls, dialogs, grid::refresh);
        usersTable = Bindings.createBooleanBinding(() -> grid.tableProperty().get() != null
                && grid.tableProperty().get().ref().equals(new TableRef("public", "users")), grid.tableProperty());

        session.activeProfileProperty().addListener((o, was, now) -> {
            grid.clear();
            detail.clear();
            filter.clear();
            tables.clear();
            if (now != null) {
                tables.reload();
            }
        });
        // a Reset, drop or seed on the Schema tab: the tables and the open page are read again
        session.contentChangesProperty().addListener((o, was, now) -> {
            if (session.activeProfile() != null) {
                tables.reload();
                if (grid.tableProperty().get() != null) {
                    grid.refresh();
                }
            }
        });
        tables.selectedProperty().addListener((o, was, now) -> {
            if (now != null && !following && (was == null || !was.ref().equals(now.ref()))) {
                filter.clear();
                detail.clear();
                grid.open(now.ref(), Filter.none());
            }
        });
        grid.columns().addListener((ListChangeListener<Object>) c ->
                filter.columnNames().setAll(grid.columns().stream().map(col -> col.name()).toList()));
        grid.rows().addListener((ListChangeListener<Object>) c -> detail.clear());
        autoRefresh.addListener((o, was, on) -> {
            if (autoRefreshTimer != null) {
                autoRefreshTimer.cancel();
            }
            if (on) {
                scheduleAutoRefresh();
            }
        });
    }

    /** The next auto-refresh tick: a timer, so the wait takes no worker; a fetch still running skips the tick. */
    private void scheduleAutoRefresh() {
        autoRefreshTimer = tasks.schedule(AUTO_REFRESH_EVERY, () -> {
            if (!grid.loadingProperty().get()) {
                grid.refresh();
            }
            scheduleAutoRefresh();
        });
    }

    public TableListViewModel tables() { return tables; }
    public GridViewModel grid() { return grid; }
    public FilterViewModel filter() { return filter; }
    public RowDetailViewModel detail() { return detail; }
    public ExportViewModel export() { return export; }
    public SignupViewModel signup() { return signup; }
    /** Refreshes the grid every 10 seconds while on (skipped while a fetch runs). */
    public BooleanProperty autoRefreshProperty() { return autoRefresh; }
    /** True while public.users is shown: the simulate-sign-up action applies. */
    public BooleanBinding usersTableProperty() { return usersTable; }

    /** Applies the filter editor to the grid (first page). */
    public void applyFilter() {
        try {
            grid.applyFilter(filter.toFilter());
        } catch (RuntimeException e) {
            grid.showError(BrowseCalls.message(e));
        }
    }

    /** Adds the editor's condition and applies the filter. */
    public void addCondition() {
        try {
            filter.addCondition();
        } catch (RuntimeException e) {
            grid.showError(BrowseCalls.message(e));
            return;
        }
        applyFilter();
    }

    public void clearFilter() {
        filter.clear();
        applyFilter();
    }

    /** Refreshes the grid (F5); when nothing is open, the table list. */
    public void refresh() {
        if (grid.tableProperty().get() == null && grid.pageProperty().get() == null) {
            tables.reload();
        }
        grid.refresh();
    }

    /** Stops the running query, count and export (Esc). */
    public void cancel() {
        grid.cancel();
        export.cancel();
    }

    /** The selected rows as clipboard text, or null (with the reason in the error line) when none is selected. */
    public String copy(CopyFormat format, List<GridRow> selected) {
        Page page = grid.pageProperty().get();
        if (page == null || selected.isEmpty()) {
            grid.showError("select one or more rows to copy first");
            return null;
        }
        List<Object[]> rows = selected.stream().map(GridRow::values).toList();
        return switch (format) {
            case JSON -> RowFormats.json(page.columns(), rows);
            case CSV -> RowFormats.csv(page.columns(), rows);
            case INSERT -> RowFormats.insert(page.request().table().ref(), page.columns(), rows);
        };
    }

    /** Shows all fields of {@code row} in the detail panel (Enter). */
    public void showDetail(GridRow row) {
        Page page = grid.pageProperty().get();
        if (row == null || page == null) {
            return;
        }
        detail.show(page.request().table(), page.columns(), row.values(), grid.displayProperty().get());
        detail.visibleProperty().set(true);
    }

    /** From the detail's row, opens the row it points to (an activity's user). */
    public void openReferenced() {
        ForeignKey fk = detail.outgoingProperty().get();
        follow(fk, fk == null ? null : fk.target(), true);
    }

    /** From the detail's row, opens the rows pointing to it (a user's activities). */
    public void openReferencing() {
        ForeignKey fk = detail.incomingProperty().get();
        follow(fk, fk == null ? null : fk.from(), false);
    }

    private void follow(ForeignKey fk, TableRef target, boolean outgoing) {
        TableInfo from = detail.table().orElse(null);
        Object[] row = detail.row().orElse(null);
        if (fk == null || from == null || row == null) {
            return;
        }
        Filter f;
        try {
            f = outgoing ? RowNavigation.toReferencedRow(from, fk, row) : RowNavigation.toReferencingRows(from, fk, row);
        } catch (RuntimeException e) {
            grid.showError(BrowseCalls.message(e));
            return;
        }
        filter.set(f);
        TableSummary entry = tables.find(target);
        following = true;
        try {
            tables.selectedProperty().set(entry);
        } finally {
            following = false;
        }
        grid.open(target, f);
    }
}
