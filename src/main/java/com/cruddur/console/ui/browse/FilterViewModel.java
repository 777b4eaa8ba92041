package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.ColumnCondition;
import com.cruddur.console.core.browse.Filter;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The filter editor: quick search, per-column conditions and the expert WHERE. It only builds a core
 * {@link Filter}; values are bound by the core, and the WHERE runs in a read-only transaction there.
 */
public final class FilterViewModel {
    private final StringProperty quickSearch = new SimpleStringProperty("");
    private final StringProperty where = new SimpleStringProperty("");
    private final ObservableList<ColumnCondition> conditions = FXCollections.observableArrayList();
    private final ObservableList<String> columnNames = FXCollections.observableArrayList();
    private final StringProperty conditionColumn = new SimpleStringProperty();
    private final ObjectProperty<ColumnCondition.Op> conditionOp = new SimpleObjectProperty<>(ColumnCondition.Op.EQUALS);
    private final StringProperty conditionValue = new SimpleStringProperty("");

    public StringProperty quickSearchProperty() { return quickSearch; }
    public StringProperty whereProperty() { return where; }
    public ObservableList<ColumnCondition> conditions() { return conditions; }
    public ObservableList<String> columnNames() { return columnNames; }
    public StringProperty conditionColumnProperty() { return conditionColumn; }
    public ObjectProperty<ColumnCondition.Op> conditionOpProperty() { return conditionOp; }
    public StringProperty conditionValueProperty() { return conditionValue; }

    /** The filter as the core takes it. */
    public Filter toFilter() {
        Filter f = Filter.none().withQuickSearch(quickSearch.get()).withExpertWhere(where.get());
        for (ColumnCondition c : conditions) {
            f = f.with(c);
        }
        return f;
    }

    /** Adds the condition from the editor fields; throws with a clear message when one is missing. */
    public void addCondition() {
        String column = conditionColumn.get();
        ColumnCondition.Op op = conditionOp.get();
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("choose a column for the condition first");
        }
        String value = op.takesValue() ? conditionValue.get() : null;
        if (op.takesValue() && value == null) {
            value = "";
        }
        conditions.add(ColumnCondition.of(column, op, value));
        conditionValue.set("");
    }

    /** Takes over a filter made elsewhere (following a row to its user or activities). */
    public void set(Filter f) {
        quickSearch.set(f.quickSearch() == null ? "" : f.quickSearch());
        where.set(f.expertWhere() == null ? "" : f.expertWhere());
        conditions.setAll(f.conditions());
    }

    public void clear() {
        set(Filter.none());
    }

    /** The conditions as one line, e.g. {@code handle = 'bayko' AND bio is null}. */
    public String conditionsText() {
        StringBuilder sb = new StringBuilder();
        for (ColumnCondition c : conditions) {
            sb.append(sb.length() == 0 ? "" : " AND ").append(c.column()).append(' ').append(c.op().label());
            if (c.op().takesValue()) {
                sb.append(" '").append(c.value()).append('\'');
            }
        }
        return sb.toString();
    }
}
