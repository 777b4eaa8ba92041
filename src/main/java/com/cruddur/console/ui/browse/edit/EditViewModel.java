package com.cruddur.console.ui.browse.edit;

import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.core.browse.edit.ApplyOutcome;
import com.cruddur.console.core.browse.edit.CellInput;
import com.cruddur.console.core.browse.edit.CellValue;
import com.cruddur.console.core.browse.edit.Change;
import com.cruddur.console.core.browse.edit.ChangeSet;
import com.cruddur.console.core.browse.edit.ColumnTypes;
import com.cruddur.console.core.browse.edit.EditRefusedException;
import com.cruddur.console.core.browse.edit.EditRules;
import com.cruddur.console.core.browse.edit.EditService;
import com.cruddur.console.core.browse.edit.EditSql;
import com.cruddur.console.core.browse.edit.PasteInto;
import com.cruddur.console.core.browse.edit.TsvBlock;
import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.function.Supplier;

/**
 * Editing the rows of the table shown in Browse: pending changes, their SQL, undo, apply. The rules come from the
 * core ({@link EditService#rules}); every refusal says why instead of doing nothing. Testable without the toolkit
 * (a same-thread {@link TaskRunner}). Leaving with pending changes is asked about by
 * {@link com.cruddur.console.ui.common.UnsavedWork}, not here.
 */
public final class EditViewModel {
    /** What a new row's cell holds while its column keeps its DEFAULT (the grid shows "DEFAULT"). */
    public static final Object DEFAULT = new Object() {
        @Override
        public String toString() {
            return "DEFAULT";
        }
    };
    private final EditService service;
    private final Supplier<DbTarget> target;
    private final TaskRunner tasks;
    private final ObservableList<PendingItem> pending = FXCollections.observableArrayList();
    private final StringProperty readOnlyReason = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty applying = new SimpleBooleanProperty(false);
    private final BooleanProperty editable = new SimpleBooleanProperty(false);
    private final IntegerProperty revision = new SimpleIntegerProperty();
    private final ApplyProblems problems = new ApplyProblems();
    private final NewRows newRows = new NewRows();
    private ChangeSet changes;
    private ColumnTypes types = ColumnTypes.NONE;

    private record Opened(EditRules rules, ColumnTypes types) {
    }
    private long generation;
    /** The conflicts of the last apply, until re-applied, discarded or another apply runs. */
    private List<ApplyOutcome.Conflict> lastConflicts = List.of();

    public EditViewModel(EditService service, Supplier<DbTarget> target, TaskRunner tasks) {
        this.service = service;
        this.target = target;
        this.tasks = tasks;
    }

    /** A table is shown: asks the server what may be edited in it (nothing until it answers). */
    public void open(TableInfo table) {
        if (table != null && changes != null && changes.table().equals(table)) {
            return; // the same table read again (refresh, another page): its pending changes stay
        }
        long gen = ++generation;
        changes = null;
        editable.set(false);
        readOnlyReason.set("");
        clearState();
        DbTarget db = target.get();
        if (table == null || db == null) {
            return;
        }
        tasks.run("editing rules of " + table.ref(), () -> {
            EditRules rules = service.rules(db, table);
            return new Opened(rules, rules.editable() ? service.columnTypes(db, table) : ColumnTypes.NONE);
        }, opened -> {
            EditRules rules = opened.rules();
            if (gen == generation) {
                types = opened.types();
                changes = new ChangeSet(table, rules);
                editable.set(rules.editable());
                readOnlyReason.set(rules.editable() ? "" : rules.reason());
            }
        }, e -> {
            if (gen == generation) {
                readOnlyReason.set("read-only: " + e.getMessage());
            }
        });
    }

    /** Why {@code column} cannot be edited now, or null when it can. */
    public String reasonNotEditable(String column) {
        if (changes == null) {
            return readOnlyReason.get().isEmpty() ? "read-only: still asking the server what may be edited" : readOnlyReason.get();
        }
        if (!changes.rules().editable()) {
            return changes.rules().reason();
        }
        String why = changes.rules().columnReason(column);
        return why == null ? null : column + " is read-only: " + why;
    }

    /** Why {@code text} is not a value {@code column} takes, or null (as the user types; no server round trip). */
    public String problem(String column, String text) {
        if (changes == null || text == null) {
            return null;
        }
        return CellInput.problem(changes.table().requireColumn(column), text, types.labels(column));
    }

    /** The column shown as the table knows it (type, nullability), or null before the rules came. */
    public ColumnInfo column(String column) {
        return changes == null ? null : changes.table().column(column).orElse(null);
    }

    /** Enum labels and the session time zone, for the editors. */
    public ColumnTypes columnTypes() {
        return types;
    }

    /** Sets a cell to what the user typed; false (with the reason in {@link #messageProperty()}) when refused. */
    public boolean setCell(Object[] row, String column, String text) {
        if (!allowed(column)) {
            return false;
        }
        if (text != null) {
            String problem = problem(column, text);
            if (problem != null) {
                message.set(problem);
                return false;
            }
        }
        Long id = newRowId(row);
        return run(() -> {
            if (id != null) {
                changes.setInNew(id, column, CellValue.of(text));
            } else {
                changes.set(row, column, CellValue.of(text));
            }
        });
    }

    /** Gives a cell of a new row its column's DEFAULT again; false when {@code row} is not a new row. */
    public boolean setDefault(Object[] row, String column) {
        Long id = newRowId(row);
        return id != null && allowed(column) && run(() -> changes.setInNew(id, column, null));
    }

    public boolean setNull(Object[] row, String column) {
        return setCell(row, column, null);
    }

    public boolean addRow() {
        return allowed(null) && run(changes::addRow);
    }

    public boolean duplicate(Object[] row) {
        Long id = newRowId(row);
        return allowed(null) && run(() -> {
            if (id != null) {
                changes.duplicateNew(id);
            } else {
                changes.duplicate(row);
            }
        });
    }

    /**
     * Pastes a block of cells copied from a spreadsheet (tab-separated) from one cell down and right: {@code rows} are
     * the rows shown from the target row down, {@code columns} the columns shown from the target column rightwards.
     * Rows of the block past the last row shown become new rows; a refused block sets nothing and says why.
     */
    public boolean paste(List<Object[]> rows, List<String> columns, String text) {
        if (!allowed(null)) {
            return false;
        }
        List<List<String>> block = TsvBlock.parse(text);
        List<PasteInto.Target> targets = rows.stream().map(r -> new PasteInto.Target(r, newRowId(r))).toList();
        int[] cells = {0};
        boolean done = run(() -> cells[0] = PasteInto.paste(changes, types, targets, columns, block));
        if (done) {
            message.set("Pasted " + cells[0] + (cells[0] == 1 ? " cell" : " cells") + " as pending changes (Ctrl+Z takes "
                    + "the paste back)");
        }
        return done;
    }

    /** Deletes existing rows when applied; a new row is simply taken back. */
    public boolean delete(List<Object[]> rows) {
        return allowed(null) && run(() -> rows.forEach(row -> {
            Long id = newRowId(row);
            if (id == null) {
                changes.delete(row);
            } else {
                changes.changes().stream().filter(c -> c instanceof Change.Insert i && i.id() == id).findFirst()
                        .ifPresent(changes::discard);
            }
        }));
    }

    public boolean undo() {
        if (!allowed(null)) {
            return false;
        }
        boolean undone = changes.undo();
        refresh();
        return undone;
    }

    public void discard(PendingItem item) {
        if (changes != null) {
            changes.discard(item.change());
            refresh();
        }
    }

    public void discardAll() {
        lastConflicts = List.of(); // nothing left to re-apply: a later edit must not bring the old conflict back
        if (changes != null) {
            changes.discardAll();
            refresh();
        }
    }

    /** Runs every pending change in one transaction; {@code applied} runs after a commit (to reload the page). */
    public void apply(Runnable applied) {
        apply(applied, why -> { });
    }

    /**
     * Runs every pending change in one transaction: {@code applied} after the commit, else {@code notApplied} with
     * why (a conflict, a constraint error, a lost connection; the grid shows it too). Nothing pending: applied.
     */
    public void apply(Runnable applied, java.util.function.Consumer<String> notApplied) {
        if (changes != null && changes.isEmpty() && !applying.get()) {
            applied.run();
            return;
        }
        if (!allowed(null) || changes.isEmpty() || applying.get()) {
            notApplied.accept(applying.get() ? "the changes are being applied already" : message.get());
            return;
        }
        ChangeSet set = changes;
        DbTarget db = target.get();
        applying.set(true);
        message.set("");
        tasks.run("apply " + set.size() + " changes", () -> service.apply(db, set, n -> { }), outcome -> {
            applying.set(false);
            showOutcome(set, outcome, applied);
            if (!(outcome instanceof ApplyOutcome.Applied)) {
                notApplied.accept(message.get());
            }
        }, e -> {
            applying.set(false);
            message.set(e.getMessage() == null ? e.toString() : e.getMessage());
            notApplied.accept(message.get());
        });
    }

    /** True after an apply that met conflicts, until they are re-applied or the changes discarded. */
    public boolean hasConflicts() {
        return !lastConflicts.isEmpty() && changes != null && !changes.isEmpty();
    }

    /**
     * "Re-apply on the new values" after a conflict: the pending changes of the conflicting rows are rebased on their
     * current values (read by the failed apply) and shown again as pending; Apply then runs them. False when there
     * is no conflict to re-apply. ("Reload" is discard all and reading the page again.)
     */
    public boolean reapplyOnNewValues() {
        if (!hasConflicts()) {
            return false;
        }
        int rebased = changes.reapply(lastConflicts);
        int dropped = lastConflicts.size() - rebased;
        lastConflicts = List.of();
        problems.clear();
        message.set(rebased + (rebased == 1 ? " change" : " changes") + " now made on the rows' current values"
                + (dropped == 0 ? "" : "; " + dropped + " dropped: their rows were deleted meanwhile")
                + " — check them, then apply again (Ctrl+S)");
        refresh();
        return true;
    }

    /** How many changes are pending (0 before the server said what may be edited). */
    public int pendingCount() {
        return changes == null ? 0 : changes.size();
    }

    /** The table being edited, or null. */
    public TableInfo table() {
        return changes == null ? null : changes.table();
    }

    private void showOutcome(ChangeSet set, ApplyOutcome outcome, Runnable applied) {
        problems.clear();
        lastConflicts = outcome instanceof ApplyOutcome.Conflicts c ? c.conflicts() : List.of();
        switch (outcome) {
            case ApplyOutcome.Applied a -> {
                set.discardAll();
                changes = new ChangeSet(set.table(), set.rules());
                message.set("Applied " + a.statements() + (a.statements() == 1 ? " change" : " changes") + " in one transaction");
                refresh();
                applied.run();
            }
            case ApplyOutcome.Conflicts c -> {
                message.set(problems.conflicts(set.table(), c));
                refresh();
            }
            case ApplyOutcome.ConstraintError e -> {
                message.set(problems.constraint(e));
                refresh();
            }
        }
    }

    /** What the server said about this row's change at the last apply, or null. */
    public String problemOf(Object[] row) {
        return changes == null || problems.isEmpty() ? null : problems.ofRow(problemKey(row));
    }

    private List<String> problemKey(Object[] row) {
        Long id = newRowId(row);
        return id != null ? ApplyProblems.newRowKey(id) : changes.key(row);
    }

    /** The server's message about this cell at the last apply, when its refusal named the cell's column; or null. */
    public String problemOf(Object[] row, String column) {
        return changes == null || problems.isEmpty() ? null : problems.ofCell(problemKey(row), column);
    }

    /** The pending value of a cell of an existing row (null when unchanged, and for new rows: they hold theirs). */
    public CellValue pendingValue(Object[] row, String column) {
        return changes == null || !changes.rules().editable() || newRowId(row) != null ? null : changes.pending(row, column);
    }

    public boolean isDeleted(Object[] row) {
        return changes != null && changes.rules().editable() && newRowId(row) == null && changes.isDeleted(row);
    }

    /**
     * The pending new rows as the grid shows them, in the order they were added: each the same array for as long as
     * the row is pending, holding per column the value set (text, or null for NULL) or {@link #DEFAULT}.
     */
    public List<Object[]> newRowValues() {
        return newRows.values();
    }

    /** The id of the pending new row shown by {@code row}, or null when it is a row read from the table. */
    public Long newRowId(Object[] row) {
        return newRows.idOf(row);
    }


    /** The new rows pending, in order, for the panel. */
    public List<Change.Insert> newRows() {
        return changes == null ? List.of() : changes.changes().stream()
                .filter(Change.Insert.class::isInstance).map(Change.Insert.class::cast).toList();
    }

    private boolean allowed(String column) {
        String why = column == null ? (changes == null || !changes.rules().editable() ? reasonNotEditable("") : null)
                : reasonNotEditable(column);
        if (why != null) {
            message.set(why);
            return false;
        }
        return true;
    }

    private boolean run(Runnable edit) {
        try {
            edit.run();
            message.set("");
            refresh();
            return true;
        } catch (EditRefusedException e) {
            message.set(e.getMessage());
            return false;
        }
    }

    private void clearState() {
        problems.clear();
        newRows.clear();
        pending.clear();
        message.set("");
        revision.set(revision.get() + 1);
    }

    private void refresh() {
        EditRules rules = changes.rules();
        pending.setAll(changes.changes().stream()
                .map(c -> new PendingItem(c, EditSql.of(changes.table(), rules, c).preview())).toList());
        newRows.follow(changes);
        revision.set(revision.get() + 1);
    }

    public ObservableList<PendingItem> pending() {
        return pending;
    }

    public ReadOnlyStringProperty readOnlyReasonProperty() {
        return readOnlyReason;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty applyingProperty() {
        return applying;
    }

    public ReadOnlyBooleanProperty editableProperty() {
        return editable;
    }

    /** Changes whenever something shown may have changed: the grid redraws its cells. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision;
    }
}
