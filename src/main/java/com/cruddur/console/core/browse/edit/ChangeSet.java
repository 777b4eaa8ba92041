package com.cruddur.console.core.browse.edit;

import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.core.browse.PgValues;
import com.cruddur.console.core.browse.TableInfo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pending changes of one table, in the order they were made, with undo. Nothing here touches the database:
 * {@link EditService#apply} runs them, each rendered by {@link EditSql}. Every method that changes something checks
 * the {@link EditRules} first, so a read-only table or column is refused with its reason whatever called it.
 */
public final class ChangeSet {
    private final TableInfo table;
    private final EditRules rules;
    private final List<Change> changes = new ArrayList<>();
    private final Deque<List<Change>> history = new ArrayDeque<>();
    private long nextInsertId = 1;

    public ChangeSet(TableInfo table, EditRules rules) {
        this.table = table;
        this.rules = rules;
    }

    public TableInfo table() {
        return table;
    }

    public EditRules rules() {
        return rules;
    }

    public List<Change> changes() {
        return List.copyOf(changes);
    }

    public int size() {
        return changes.size();
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** Sets one cell of an existing row; setting it back to the value the user saw drops it from the change. */
    public void set(Object[] row, String column, CellValue value) {
        requireColumn(column);
        List<String> key = key(row);
        int at = indexOfRowChange(key);
        if (at >= 0 && changes.get(at) instanceof Change.Delete) {
            throw new EditRefusedException("this row is to be deleted — undo the delete to edit it");
        }
        Map<String, CellValue> values = at >= 0 ? new LinkedHashMap<>(((Change.Update) changes.get(at)).values())
                : new LinkedHashMap<>();
        Object seen = row[table.indexOf(column)];
        if (Objects.equals(PgValues.toText(seen), value.text())) {
            values.remove(column);
        } else {
            values.put(column, value);
        }
        remember();
        if (values.isEmpty()) {
            changes.remove(at);
        } else if (at >= 0) {
            changes.set(at, new Change.Update(key, row, values));
        } else {
            changes.add(new Change.Update(key, row, values));
        }
    }

    /** Sets one cell of a new row; {@code null} gives the column its DEFAULT again. */
    public void setInNew(long id, String column, CellValue value) {
        requireColumn(column);
        int at = indexOfInsert(id);
        if (at < 0) {
            throw new IllegalArgumentException("no new row " + id);
        }
        Map<String, CellValue> values = new LinkedHashMap<>(((Change.Insert) changes.get(at)).values());
        if (value == null) {
            values.remove(column);
        } else {
            values.put(column, value);
        }
        remember();
        changes.set(at, new Change.Insert(id, values));
    }

    /** Adds a new row with every column at its DEFAULT; returns its id. */
    public long addRow() {
        return addRow(Map.of());
    }

    /** Adds a new row with the values of {@code row}, except key, generated and identity columns (their DEFAULT). */
    public long duplicate(Object[] row) {
        Map<String, CellValue> values = new LinkedHashMap<>();
        for (int i = 0; i < table.columns().size(); i++) {
            String name = table.columns().get(i).name();
            if (!rules.keyColumns().contains(name) && rules.columnReason(name) == null) {
                values.put(name, CellValue.of(PgValues.toText(row[i])));
            }
        }
        return addRow(values);
    }

    /** Adds a new row with the values set so far in the new row {@code id}; returns the new row's id. */
    public long duplicateNew(long id) {
        int at = indexOfInsert(id);
        if (at < 0) {
            throw new IllegalArgumentException("no new row " + id);
        }
        return addRow(((Change.Insert) changes.get(at)).values());
    }

    private long addRow(Map<String, CellValue> values) {
        requireEditable();
        if (!rules.canInsert()) {
            throw new EditRefusedException("rows cannot be added to " + table.ref() + ": PostgreSQL cannot insert into it");
        }
        remember();
        long id = nextInsertId++;
        changes.add(new Change.Insert(id, values));
        return id;
    }

    /** Deletes an existing row (its pending edits go: the delete replaces them). */
    public void delete(Object[] row) {
        requireEditable();
        if (!rules.canDelete()) {
            throw new EditRefusedException("rows cannot be deleted from " + table.ref() + ": PostgreSQL cannot delete from it");
        }
        List<String> key = key(row);
        int at = indexOfRowChange(key);
        if (at >= 0 && changes.get(at) instanceof Change.Delete) {
            return;
        }
        remember();
        if (at >= 0) {
            changes.set(at, new Change.Delete(key, row));
        } else {
            changes.add(new Change.Delete(key, row));
        }
    }

    /**
     * Runs several edits as one: one undo takes them all back, and when one is refused none stays (the refusal is
     * thrown on).
     */
    public void asOneStep(Runnable edits) {
        List<Change> before = List.copyOf(changes);
        int depth = history.size();
        long nextId = nextInsertId;
        try {
            edits.run();
        } catch (RuntimeException e) {
            changes.clear();
            changes.addAll(before);
            nextInsertId = nextId;
            while (history.size() > depth) {
                history.pop();
            }
            throw e;
        }
        while (history.size() > depth) {
            history.pop();
        }
        if (!changes.equals(before)) {
            history.push(before);
        }
    }

    /** Takes back the last change made (an edit, add, delete or discard). */
    public boolean undo() {
        if (history.isEmpty()) {
            return false;
        }
        changes.clear();
        changes.addAll(history.pop());
        return true;
    }

    public void discard(Change change) {
        int at = changes.indexOf(change);
        if (at >= 0) {
            remember();
            changes.remove(at);
        }
    }

    public void discardAll() {
        if (!changes.isEmpty()) {
            remember();
            changes.clear();
        }
    }

    /**
     * "Re-apply on the new values" after a conflict: each conflicting change is rebased on its row as it is now (the
     * values the user set stay, the values they are checked against become the current ones), so the next apply
     * overwrites only the cells the user changed and still fails if the row changes again. A change of a row that
     * was deleted meanwhile has nothing to re-apply to and is dropped. Undo takes the whole re-apply back.
     *
     * @return how many changes were rebased (the dropped ones not counted)
     */
    public int reapply(List<ApplyOutcome.Conflict> conflicts) {
        requireEditable();
        remember();
        int rebased = 0;
        for (ApplyOutcome.Conflict conflict : conflicts) {
            int at = changes.indexOf(conflict.change());
            if (at < 0) {
                continue;
            }
            Object[] now = conflict.current();
            if (now == null) {
                changes.remove(at);
                continue;
            }
            Change redone = switch (conflict.change()) {
                case Change.Update u -> new Change.Update(key(now), now.clone(), u.values());
                case Change.Delete d -> new Change.Delete(key(now), now.clone());
                case Change.Insert i -> i;
            };
            changes.set(at, redone);
            rebased++;
        }
        return rebased;
    }

    /** The pending value of a cell of an existing row, or null when it is not changed. */
    public CellValue pending(Object[] row, String column) {
        int at = indexOfRowChange(key(row));
        return at >= 0 && changes.get(at) instanceof Change.Update u ? u.values().get(column) : null;
    }

    public boolean isDeleted(Object[] row) {
        int at = indexOfRowChange(key(row));
        return at >= 0 && changes.get(at) instanceof Change.Delete;
    }

    /** The pending change of an existing row, or null. */
    public Change changeOf(Object[] row) {
        int at = indexOfRowChange(key(row));
        return at >= 0 ? changes.get(at) : null;
    }

    /** The row's key values as text: what addresses it on the server and identifies it here. */
    public List<String> key(Object[] row) {
        requireEditable();
        List<String> key = new ArrayList<>(rules.keyColumns().size());
        for (String k : rules.keyColumns()) {
            key.add(PgValues.toText(row[table.indexOf(k)]));
        }
        return key;
    }

    private void requireEditable() {
        if (!rules.editable()) {
            throw new EditRefusedException(table.ref() + " is " + rules.reason());
        }
    }

    private void requireColumn(String column) {
        requireEditable();
        ColumnInfo info = table.requireColumn(column);
        String why = rules.columnReason(info.name());
        if (why != null) {
            throw new EditRefusedException(column + " cannot be changed: " + why);
        }
    }

    private int indexOfRowChange(List<String> key) {
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            if ((c instanceof Change.Update u && u.key().equals(key)) || (c instanceof Change.Delete d && d.key().equals(key))) {
                return i;
            }
        }
        return -1;
    }

    private int indexOfInsert(long id) {
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i) instanceof Change.Insert ins && ins.id() == id) {
                return i;
            }
        }
        return -1;
    }

    private void remember() {
        history.push(List.copyOf(changes));
    }
}
