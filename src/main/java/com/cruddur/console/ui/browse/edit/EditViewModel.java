package com.cruddur.console.ui.browse.edit;

import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.core.browse.edit.ApplyOutcome;
import com.cruddur.console.core.browse.edit.CellInput;
import com.cruddur.console.core.browse.edit.CellValue;
import com.cruddur.console.core.browse.edit.Change;
import com.cruddur.console.core.browse.edit.ChangeSet;
import com.cruddur.console.core.browse.edit.EditRefusedException;
import com.cruddur.console.core.browse.edit.EditRules;
import com.cruddur.console.core.browse.edit.EditService;
import com.cruddur.console.core.browse.edit.EditSql;
import com.cruddur.console.core.browse.PgValues;
import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.ui.common.DialogService;
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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Editing the rows of the table shown in Browse: pending changes, their SQL, undo, apply. The rules come from the
 * core ({@link EditService#rules}); every refusal says why instead of doing nothing. Testable without the toolkit
 * (a same-thread {@link TaskRunner}, an answering {@link DialogService}).
 */
public final class EditViewModel {
    private final EditService service;
    private final Supplier<DbTarget> target;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final ObservableList<PendingItem> pending = FXCollections.observableArrayList();
    private final StringProperty readOnlyReason = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty applying = new SimpleBooleanProperty(false);
    private final BooleanProperty editable = new SimpleBooleanProperty(false);
    private final IntegerProperty revision = new SimpleIntegerProperty();
    /** Per row key, what the server said about its change at the last apply (conflict or constraint error). */
    private final Map<List<String>, String> rowProblems = new HashMap<>();
    private ChangeSet changes;
    private long generation;
    /** The conflicts of the last apply, until re-applied, discarded or another apply runs. */
    private List<ApplyOutcome.Conflict> lastConflicts = List.of();

    public EditViewModel(EditService service, Supplier<DbTarget> target, TaskRunner tasks, DialogService dialogs) {
        this.service = service;
        this.target = target;
        this.tasks = tasks;
        this.dialogs = dialogs;
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
        tasks.run("editing rules of " + table.ref(), () -> service.rules(db, table), rules -> {
            if (gen == generation) {
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

    /** Sets a cell to what the user typed; false (with the reason in {@link #messageProperty()}) when refused. */
    public boolean setCell(Object[] row, String column, String text) {
        if (!allowed(column)) {
            return false;
        }
        ColumnInfo info = changes.table().requireColumn(column);
        if (text != null) {
            String problem = CellInput.problem(info, text);
            if (problem != null) {
                message.set(problem);
                return false;
            }
        }
        return run(() -> changes.set(row, column, CellValue.of(text)));
    }

    public boolean setNull(Object[] row, String column) {
        return setCell(row, column, null);
    }

    public boolean addRow() {
        return allowed(null) && run(changes::addRow);
    }

    public boolean duplicate(Object[] row) {
        return allowed(null) && run(() -> changes.duplicate(row));
    }

    public boolean delete(List<Object[]> rows) {
        return allowed(null) && run(() -> rows.forEach(changes::delete));
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
        rowProblems.clear();
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
        rowProblems.clear();
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
                for (ApplyOutcome.Conflict conflict : c.conflicts()) {
                    rowProblems.put(keyOf(conflict.change()), conflict.deleted() ? "deleted by someone else meanwhile"
                            : "changed by someone else meanwhile; now: " + describe(set.table(), conflict.current()));
                }
                message.set("Nothing was applied: " + c.conflicts().size() + (c.conflicts().size() == 1 ? " row was"
                        : " rows were") + " changed or deleted by someone else since you read them — refresh to see "
                        + "their current values, or discard your changes of them");
                refresh();
            }
            case ApplyOutcome.ConstraintError e -> {
                rowProblems.put(keyOf(e.change()), (e.columns().isEmpty() ? "" : String.join(", ", e.columns()) + ": ")
                        + e.message());
                message.set("Nothing was applied: " + (e.columns().isEmpty() ? "" : String.join(", ", e.columns()) + ": ")
                        + e.message());
                refresh();
            }
        }
    }

    private static String describe(TableInfo table, Object[] row) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            out.append(i == 0 ? "" : ", ").append(table.columns().get(i).name()).append(" = ")
                    .append(row[i] == null ? "NULL" : PgValues.toText(row[i]));
        }
        return out.toString();
    }

    private static List<String> keyOf(Change change) {
        return switch (change) {
            case Change.Update u -> u.key();
            case Change.Delete d -> d.key();
            case Change.Insert i -> List.of("new", Long.toString(i.id()));
        };
    }

    /** What the server said about this row's change at the last apply, or null. */
    public String problemOf(Object[] row) {
        return changes == null || rowProblems.isEmpty() ? null : rowProblems.get(changes.key(row));
    }

    /** The pending value of a cell (null when unchanged). */
    public CellValue pendingValue(Object[] row, String column) {
        return changes == null || !changes.rules().editable() ? null : changes.pending(row, column);
    }

    public boolean isDeleted(Object[] row) {
        return changes != null && changes.rules().editable() && changes.isDeleted(row);
    }

    /** The new rows pending, in order, for the panel. */
    public List<Change.Insert> newRows() {
        return changes == null ? List.of() : changes.changes().stream()
                .filter(Change.Insert.class::isInstance).map(Change.Insert.class::cast).toList();
    }

    /**
     * Before leaving the table (another table, another profile, quitting): true when there is nothing pending or the
     * user chose to discard it; false to stay.
     */
    public boolean confirmLeave() {
        if (changes == null || changes.isEmpty()) {
            return true;
        }
        int n = changes.size();
        boolean discard = dialogs.confirm("Discard pending changes?", n + (n == 1 ? " change" : " changes") + " of "
                + changes.table().ref() + " not applied yet. Discard " + (n == 1 ? "it" : "them")
                + "? (Cancel keeps editing; apply with Ctrl+S)");
        if (discard) {
            changes.discardAll();
            refresh();
        }
        return discard;
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
        rowProblems.clear();
        pending.clear();
        message.set("");
        revision.set(revision.get() + 1);
    }

    private void refresh() {
        EditRules rules = changes.rules();
        pending.setAll(changes.changes().stream()
                .map(c -> new PendingItem(c, EditSql.of(changes.table(), rules, c).preview())).toList());
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
