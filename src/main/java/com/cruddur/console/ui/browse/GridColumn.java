package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.core.browse.ColumnKind;
import com.cruddur.console.core.browse.ValueDisplay;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The grid column at one position, kept across tables: opening another table shows its columns in the columns
 * already there instead of replacing them. Replaced columns make every visible row build and style a new cell per
 * column (~90 ms of layout for a 10-column table on a 2-core machine); kept ones only take new values.
 * <p>
 * The header holds the name, the sort marker beside it (its own label, which never shrinks, so a narrow column cuts
 * the name and never the marker) and the short type below.
 */
final class GridColumn extends TableColumn<GridRow, Object> {
    private final Label name = new Label();
    private final Label sortMarker = new Label();
    private final Label type = new Label();
    private final Tooltip tip = new Tooltip();
    private final VBox header = new VBox(new HBox(2, name, sortMarker), type);
    private ColumnInfo info;
    private String readOnly;

    /**
     * @param index  the position of this column's values in a {@link GridRow}
     * @param sortBy called with the column's name and whether Shift was down when its header is clicked
     */
    GridColumn(int index, ObservableValue<ValueDisplay> display, ObservableBooleanValue compactUuids, SortRequest sortBy) {
        setSortable(false);
        name.getStyleClass().add("column-name");
        sortMarker.getStyleClass().add("sort-marker");
        sortMarker.setMinWidth(Label.USE_PREF_SIZE);
        type.getStyleClass().add("column-type");
        header.getStyleClass().add("column-header-box");
        Tooltip.install(header, tip);
        header.setOnMouseClicked(e -> sortBy.sortBy(info.name(), e.isShiftDown()));
        setGraphic(header);
        // Rows of the previous table may still be in the grid for a moment while its columns already show the next.
        setCellValueFactory(c -> {
            Object[] values = c.getValue().values();
            return new ReadOnlyObjectWrapper<>(index < values.length ? values[index] : null);
        });
        setCellFactory(c -> new GridCell(display, compactUuids));
    }

    /** Shows {@code column} here: header, tooltip, and the kind the cells render (the width is fitted afterwards). */
    void show(ColumnInfo column) {
        this.info = column;
        setUserData(column.name()); // how the grid's columns are found by name (tests, tools)
        name.setText(column.name());
        sortMarker.setText("");
        readOnly = null;
        describe();
    }

    /**
     * Says on the header that this column cannot be edited on a table that can (generated, identity, not updatable
     * in the view), with the server's reason on hover; null when it can be edited.
     */
    void markReadOnly(String why) {
        if (info != null && !java.util.Objects.equals(why, readOnly)) {
            readOnly = why;
            describe();
        }
    }

    private void describe() {
        type.setText(headerType(info) + (readOnly == null ? "" : " · read-only"));
        tip.setText(info.name() + " — " + info.typeName() + (info.nullable() ? ", nullable" : ", not null")
                + (info.primaryKey() ? ", primary key" : "") + (info.comment() == null ? "" : "\n" + info.comment())
                + (readOnly == null ? "" : "\n" + readOnly)
                + "\nClick to sort on the server; Shift+click adds a column.");
    }

    /** The type line of the header: PostgreSQL's short name ({@code timestamp}, {@code varchar(20)}), and "key". */
    static String headerType(ColumnInfo column) {
        return shortType(column.typeName()) + (column.primaryKey() ? " · key" : "");
    }

    /** The short names psql's \d uses for the long SQL-standard spellings; the tooltip keeps the long one. */
    static String shortType(String typeName) {
        return typeName.replaceAll("\\b(timestamp|time)(\\(\\d+\\))? without time zone", "$1$2")
                .replaceAll("\\b(timestamp|time)(\\(\\d+\\))? with time zone", "$1tz$2")
                .replace("character varying", "varchar")
                .replace("character", "char")
                .replace("double precision", "float8")
                .replace("bit varying", "varbit");
    }

    /** Marks this column as sort key: ▲ or ▼, with its position when there are several keys; "" for none. */
    void markSort(String marker) {
        sortMarker.setText(marker);
    }

    ColumnKind kind() {
        return info == null ? ColumnKind.OTHER : info.kind();
    }

    ColumnInfo info() {
        return info;
    }

    /** The name of the column shown here. */
    String columnName() {
        return info.name();
    }

    /** What a header click asks for. */
    @FunctionalInterface
    interface SortRequest {
        void sortBy(String column, boolean add);
    }
}
