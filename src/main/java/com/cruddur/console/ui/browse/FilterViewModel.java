package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.ColumnCondition;
import com.cruddur.console.core.browse.Filter;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The filter editor: quick search, per-column conditions (shown as removable chips) and the expert WHERE. It only
 * builds a core {@link Filter}; values are bound by the core, and the WHERE runs in a read-only transaction there.
 */
public final class FilterViewModel {
    /** Chip values longer than this are shortened on the chip (the tooltip has them whole). */
    static final int CHIP_VALUE_CHARS = 40;
    private static final Pattern PLAIN = Pattern.compile("[\\p{Alnum}_.:@+\\-]+");

    private final StringProperty quickSearch = new SimpleStringProperty("");
    private final StringProperty where = new SimpleStringProperty("");
    private final ObservableList<ColumnCondition> conditions = FXCollections.observableArrayList();
    private final ObservableList<String> columnNames = FXCollections.observableArrayList();
    private final StringProperty conditionColumn = new SimpleStringProperty();
    private final ObjectProperty<ColumnCondition.Op> conditionOp = new SimpleObjectProperty<>(ColumnCondition.Op.EQUALS);
    private final StringProperty conditionValue = new SimpleStringProperty("");
    private final StringBinding valuePrompt = Bindings.createStringBinding(() -> prompt(conditionOp.get()), conditionOp);
    private String tableName = "this table";

    public StringProperty quickSearchProperty() { return quickSearch; }
    public StringProperty whereProperty() { return where; }
    /** The conditions, one chip each. */
    public ObservableList<ColumnCondition> conditions() { return conditions; }
    /** The column menu: the columns of the table shown. */
    public ObservableList<String> columnNames() { return columnNames; }
    public StringProperty conditionColumnProperty() { return conditionColumn; }
    public ObjectProperty<ColumnCondition.Op> conditionOpProperty() { return conditionOp; }
    public StringProperty conditionValueProperty() { return conditionValue; }
    /** What the value field asks for with the chosen operator ("1, 2, 3" for in). */
    public StringBinding valuePromptProperty() { return valuePrompt; }

    /**
     * The column menu now belongs to {@code table}: its columns; on another table the editor's column, operator and
     * value start afresh, on the same one (read again) the column is kept while the table still has it.
     */
    void showColumnsOf(String table, List<String> names) {
        boolean another = !table.equals(tableName);
        tableName = table;
        columnNames.setAll(names);
        if (another) {
            // a condition half typed for the previous table means nothing here: the editor starts afresh
            conditionOp.set(ColumnCondition.Op.EQUALS);
            conditionValue.set("");
            conditionColumn.set(null);
        } else if (conditionColumn.get() != null && !names.contains(conditionColumn.get())) {
            conditionColumn.set(null);
        }
    }

    /** The filter as the core takes it. */
    public Filter toFilter() {
        Filter f = Filter.none().withQuickSearch(quickSearch.get()).withExpertWhere(where.get());
        for (ColumnCondition c : conditions) {
            f = f.with(c);
        }
        return f;
    }

    /** Adds the condition from the editor fields; throws with a clear message when one is missing or wrong. */
    public void addCondition() {
        String column = conditionColumn.get();
        ColumnCondition.Op op = conditionOp.get();
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("choose a column for the condition first");
        }
        if (!columnNames.contains(column)) {
            throw new IllegalArgumentException("no column \"" + column + "\" in " + tableName
                    + " — choose one of its columns in the menu");
        }
        if (op == null) {
            throw new IllegalArgumentException("choose an operator for the condition first");
        }
        String value = op.takesValue() ? conditionValue.get() : null;
        if (op.takesValue() && value == null) {
            value = "";
        }
        conditions.add(ColumnCondition.of(column, op, value));
        conditionValue.set("");
    }

    /** Removes one chip's condition. */
    public void removeCondition(ColumnCondition c) {
        conditions.remove(c);
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

    /** A chip's text: {@code likes_count > 5}, {@code handle contains 'o brien'}, {@code id in (1, 2, 3)}. */
    public static String chipText(ColumnCondition c) {
        String head = c.column() + " " + c.op().label();
        return switch (c.op()) {
            case IS_NULL, IS_NOT_NULL -> head;
            case IN -> head + " (" + String.join(", ", c.values().stream().map(FilterViewModel::shown).toList()) + ")";
            default -> head + " " + shown(c.value());
        };
    }

    /** A chip's tooltip: the condition with every value whole. */
    public static String chipTooltip(ColumnCondition c) {
        String head = c.column() + " " + c.op().label();
        return switch (c.op()) {
            case IS_NULL, IS_NOT_NULL -> head;
            case IN -> head + "\n" + String.join("\n", c.values());
            default -> head + "\n" + c.value();
        } + "\n✕ removes it";
    }

    /** The conditions as one line, e.g. {@code handle = bayko AND bio is null}. */
    public String conditionsText() {
        return String.join(" AND ", conditions.stream().map(FilterViewModel::chipText).toList());
    }

    /** A value as a chip shows it: plain when it is one plain word or number, else quoted; long ones shortened. */
    private static String shown(String value) {
        String v = value.length() > CHIP_VALUE_CHARS ? value.substring(0, CHIP_VALUE_CHARS - 1) + "…" : value;
        return PLAIN.matcher(value).matches() ? v : "'" + v + "'";
    }

    private static String prompt(ColumnCondition.Op op) {
        if (op == null) {
            return "value";
        }
        return switch (op) {
            case IN -> "1, 2, 3";
            case CONTAINS -> "text";
            case STARTS_WITH -> "prefix";
            case IS_NULL, IS_NOT_NULL -> "";
            default -> "value";
        };
    }
}
