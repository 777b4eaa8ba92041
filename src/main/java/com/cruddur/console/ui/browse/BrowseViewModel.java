package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.core.browse.ColumnCondition;
import com.cruddur.console.core.browse.Filter;
import com.cruddur.console.core.browse.ForeignKey;
import com.cruddur.console.core.browse.Page;
import com.cruddur.console.core.browse.RowFormats;
import com.cruddur.console.core.browse.RowNavigation;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.core.browse.TableRef;
import com.cruddur.console.core.browse.edit.EditService;
import com.cruddur.console.ui.browse.edit.EditViewModel;
import com.cruddur.console.core.browse.TableSummary;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.Session;
import com.cruddur.console.ui.common.TaskOutcome;
import com.cruddur.console.ui.common.TaskRunner;
import com.cruddur.console.ui.common.UnsavedWork;
import com.cruddur.console.core.profile.ConnectionProfile;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Browse tab: table list, grid, filter, row detail, copy, export and simulate-sign-up, coordinated.
 * Each part has its own view model; this one wires them together and to the session's active profile.
 */
public final class BrowseViewModel {
    /** Clipboard formats for the selected rows. */
    public enum CopyFormat {
        JSON("JSON"), CSV("CSV"), INSERT("SQL INSERT statements");

        private final String label;

        CopyFormat(String label) {
            this.label = label;
        }
    }

    /** What the grid shows when it has no rows to show, each leading somewhere. */
    public enum EmptyState {
        /** rows are shown */
        NONE, NO_PROFILE, LOADING_TABLES, TABLES_FAILED,
        /** the database has no table: offer the Cruddur schema */
        NO_TABLES,
        /** no table chosen: offer users and activities */
        CHOOSE_TABLE, OPENING, NO_ROWS, NO_MATCHING_ROWS
    }

    static final Duration AUTO_REFRESH_EVERY = Duration.ofSeconds(10);
    /** How long a notice about a copy stays; an export's stays until dismissed or the table changes. */
    static final Duration SHORT_NOTICE = Duration.ofSeconds(5);

    /** The id of the tab the Browse view is in (the tab its unsaved edits belong to). */
    public static final String BROWSE_TAB = "browseTab";

    private final TableListViewModel tables;
    private final GridViewModel grid;
    private final FilterViewModel filter = new FilterViewModel();
    private final RowDetailViewModel detail = new RowDetailViewModel();
    private final ExportViewModel export;
    private final SignupViewModel signup;
    private final EditViewModel edit;
    private final BooleanProperty autoRefresh = new SimpleBooleanProperty(false);
    private final BooleanBinding usersTable;
    private final TaskRunner tasks;
    private final Session session;
    private final ObjectProperty<BrowseNotice> notice = new SimpleObjectProperty<>();
    private final ObjectBinding<EmptyState> emptyState;
    private final FolderOpener folders;
    private TaskRunner.Handle autoRefreshTimer;
    private TaskRunner.Handle noticeTimer;
    private Runnable onOpenSchema;
    private boolean following;

    public BrowseViewModel(BrowseService service, Session session, TaskRunner tasks, DialogService dialogs) {
        this(service, session, tasks, dialogs, FolderOpener.system());
    }

    /** As the app builds it, with {@code folders} opening an export's folder ("Show in folder"). */
    public BrowseViewModel(BrowseService service, Session session, TaskRunner tasks, DialogService dialogs,
                           FolderOpener folders) {
        this.tasks = tasks;
        this.session = session;
        this.folders = folders;
        BrowseCalls calls = new BrowseCalls(service, session, tasks);
        tables = new TableListViewModel(calls);
        grid = new GridViewModel(calls);
        export = new ExportViewModel(calls, grid, this::show);
        signup = new SignupViewModel(calls, dialogs, grid::refresh);
        edit = new EditViewModel(new EditService(), () -> session.activeProfile() == null ? null : session.database(),
                tasks);
        grid.tableProperty().addListener((o, was, now) -> edit.open(now));
        usersTable = Bindings.createBooleanBinding(() -> grid.tableProperty().get() != null
                && grid.tableProperty().get().ref().equals(new TableRef("public", "users")), grid.tableProperty());
        emptyState = Bindings.createObjectBinding(this::currentEmptyState, session.activeProfileProperty(),
                tables.loadingProperty(), tables.loadedProperty(), tables.errorProperty(), tables.tables(),
                grid.pageProperty(), grid.loadingProperty(), grid.rows());

        session.activeProfileProperty().addListener((o, was, now) -> {
            grid.clear();
            detail.clear();
            filter.clear();
            tables.clear();
            clearMessages();
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
        session.unsavedWork().register(this::unsavedEdits, dialogs);
        tables.selectedProperty().addListener((o, was, now) -> {
            if (now != null && !following && (was == null || !was.ref().equals(now.ref()))) {
                if (edit.pendingCount() == 0) {
                    showTable(now);
                    return;
                }
                // the table shown stays selected until its pending changes are applied or discarded
                select(was);
                session.unsavedWork().beforeLeaving("open " + now.ref(), work -> BROWSE_TAB.equals(work.tab()), () -> {
                    select(now);
                    showTable(now);
                });
            }
        });
        grid.columns().addListener((ListChangeListener<Object>) c -> filter.showColumnsOf(
                grid.tableProperty().get() == null ? "this table" : grid.tableProperty().get().ref().toString(),
                grid.columns().stream().map(col -> col.name()).toList()));
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

    private void select(TableSummary table) {
        following = true;
        tables.selectedProperty().set(table);
        following = false;
    }

    private void showTable(TableSummary table) {
        filter.clear();
        detail.clear();
        clearMessages();
        grid.open(table.ref(), Filter.none());
    }

    /** The pending edits as unsaved work of the Browse tab, or null when there are none. */
    private UnsavedWork.Pending unsavedEdits() {
        int n = edit.pendingCount();
        ConnectionProfile p = session.activeProfile();
        if (n == 0 || p == null) {
            return null;
        }
        String changes = n + (n == 1 ? " change" : " changes");
        return new UnsavedWork.Pending(n + " pending " + changes.substring(changes.indexOf(' ') + 1) + " to "
                + edit.table().ref() + " on profile " + p.name(), p.name(), p.database(), BROWSE_TAB,
                "Apply " + changes, (done, why) -> edit.apply(() -> {
                    grid.refresh();
                    done.run();
                }, why), "Discard " + changes, (done, why) -> {
                    edit.discardAll();
                    done.run();
                }, null);
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
    /** Editing the rows of the table shown. */
    public EditViewModel edit() { return edit; }
    /** Refreshes the grid every 10 seconds while on (skipped while a fetch runs). */
    public BooleanProperty autoRefreshProperty() { return autoRefresh; }
    /** True while public.users is shown: the simulate-sign-up action applies. */
    public BooleanBinding usersTableProperty() { return usersTable; }
    /** The latest notice (a copy, an export), null when there is none. */
    public ReadOnlyObjectProperty<BrowseNotice> noticeProperty() { return notice; }
    /** What the grid's placeholder says and offers when there are no rows to show. */
    public ObjectBinding<EmptyState> emptyStateProperty() { return emptyState; }

    /**
     * What "Reset with the Cruddur schema" does: the composition root (or the view) switches to the Schema tab,
     * whose Reset asks for its own confirmation. This view model never resets anything itself.
     */
    public void setOnOpenSchema(Runnable action) {
        onOpenSchema = action;
    }

    /** True once something said how to reach the Schema tab. */
    public boolean hasSchemaOpener() {
        return onOpenSchema != null;
    }

    /** Leads to the Schema tab to load the Cruddur schema into this (empty) database. */
    public void openSchemaForReset() {
        if (onOpenSchema != null) {
            onOpenSchema.run();
        }
    }

    /** Opens {@code table} (an empty state's button). */
    public void openTable(TableSummary table) {
        tables.selectedProperty().set(table);
    }

    /** The tab is shown again: a list that is empty or failed may have changed meanwhile (a reset on Schema). */
    public void tabShown() {
        if (session.activeProfile() != null && !tables.loadingProperty().get()
                && (!tables.loadedProperty().get() || tables.databaseEmpty())) {
            tables.reload();
        }
    }

    /** Removes one filter chip and applies what is left. */
    public void removeCondition(ColumnCondition condition) {
        filter.removeCondition(condition);
        applyFilter();
    }

    /** Hides the notice. */
    public void dismissNotice() {
        show(null);
    }

    /** Opens the folder of the notice's file in the desktop's file manager, off the UI thread; a failure is shown. */
    public void showInFolder() {
        BrowseNotice n = notice.get();
        if (n == null || n.folder() == null) {
            return;
        }
        Path folder = n.folder();
        tasks.run("Opening " + folder, () -> {
            folders.open(folder);
            return folder;
        }, opened -> { }, e -> {
            if (!TaskOutcome.isCancellation(e)) {
                show(BrowseNotice.error("Could not open the folder " + folder + ": " + BrowseCalls.message(e)
                        + " — open it in your file manager"));
            }
        });
    }

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
        session.askAgain(); // after a cancelled password prompt, F5 is the user asking again
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

    /** Esc: stops what runs; when nothing runs, closes the row detail (one key, the nearest thing first). */
    public void escape() {
        boolean busy = grid.loadingProperty().get() || grid.countingProperty().get() || export.runningProperty().get();
        cancel();
        if (!busy) {
            detail.visibleProperty().set(false);
        }
    }

    /**
     * The selected rows as clipboard text (whole values, UUIDs in full), with a notice saying what was copied; null
     * (with the reason in the error line) when none is selected.
     */
    public String copy(CopyFormat format, List<GridRow> selected) {
        Page page = grid.pageProperty().get();
        if (page == null || selected.isEmpty()) {
            grid.showError("select one or more rows to copy first");
            return null;
        }
        List<Object[]> rows = selected.stream().map(GridRow::values).toList();
        String text = switch (format) {
            case JSON -> RowFormats.json(page.columns(), rows);
            case CSV -> RowFormats.csv(page.columns(), rows);
            case INSERT -> RowFormats.insert(page.request().table().ref(), page.columns(), rows);
        };
        showBriefly(BrowseNotice.info("Copied " + (rows.size() == 1 ? "1 row" : String.format("%,d rows", rows.size()))
                + " as " + format.label));
        return text;
    }

    /** One detail field's whole value as clipboard text, with a notice. */
    public String copyValue(DetailField field) {
        showBriefly(BrowseNotice.info("Copied the value of " + field.name() + (field.isNull() ? " (NULL, as the text NULL)" : "")));
        return field.value();
    }

    /** Shows {@code n} (null hides the notice) until replaced, dismissed or the table changes. */
    private void show(BrowseNotice n) {
        if (noticeTimer != null) {
            noticeTimer.cancel();
            noticeTimer = null;
        }
        notice.set(n);
    }

    /** Shows {@code n} for a few seconds. */
    private void showBriefly(BrowseNotice n) {
        show(n);
        noticeTimer = tasks.schedule(SHORT_NOTICE, () -> {
            if (notice.get() == n) {
                notice.set(null);
            }
        });
    }

    /** Messages (and the sign-up form) about the table shown so far go when another one is shown. */
    private void clearMessages() {
        show(null);
        export.clearOutcome();
        signup.formShownProperty().set(false);
    }

    private EmptyState currentEmptyState() {
        if (session.activeProfile() == null) {
            return EmptyState.NO_PROFILE;
        }
        Page page = grid.pageProperty().get();
        if (page != null) {
            return !grid.rows().isEmpty() ? EmptyState.NONE
                    : page.request().filter().isEmpty() ? EmptyState.NO_ROWS : EmptyState.NO_MATCHING_ROWS;
        }
        if (grid.loadingProperty().get()) {
            return EmptyState.OPENING;
        }
        if (!tables.loadedProperty().get()) {
            return tables.loadingProperty().get() || tables.errorProperty().get().isEmpty()
                    ? EmptyState.LOADING_TABLES : EmptyState.TABLES_FAILED;
        }
        return tables.databaseEmpty() ? EmptyState.NO_TABLES : EmptyState.CHOOSE_TABLE;
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
        clearMessages();
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
