package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.core.browse.ColumnKind;
import com.cruddur.console.core.browse.ValueDisplay;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/**
 * The grid column at one position, kept across tables: opening another table shows its columns in the columns
 * already there instead of replacing them. Replaced columns make every visible row build and style a new cell per
 * column (~90 ms of layout for a 10-column table on a 2-core machine); kept ones only take new values.
 */
final class GridColumn extends TableColumn<GridRow, Object> {
    private final Label name = new Label();
    private final Label type = new Label();
    private final Tooltip tip = new Tooltip();
    private final VBox header = new VBox(name, type);
    private ColumnInfo info;

    /**
     * @param index  the position of this column's values in a {@link GridRow}
     * @param sortBy called with the column's name and whether Shift was down when its header is clicked
     */
    GridColumn(int index, ObservableValue<ValueDisplay> display, SortRequest sortBy) {
        setSortable(false);
        name.getStyleClass().add("column-name");
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
        setCellFactory(c -> new GridCell(display));
    }

    /** Shows {@code column} here: header, tooltip, width by type, and the kind the cells render. */
    void show(ColumnInfo column) {
        this.info = column;
        setUserData(column.name()); // how the grid's columns are found by name (tests, tools)
        name.setText(column.name());
        type.setText(column.typeName() + (column.primaryKey() ? ", key" : "") + (column.nullable() ? "" : ", not null"));
        tip.setText(column.name() + " — " + column.typeName() + (column.nullable() ? ", nullable" : ", not null")
                + (column.primaryKey() ? ", primary key" : "") + (column.comment() == null ? "" : "\n" + column.comment())
                + "\nClick to sort on the server; Shift+click adds a column.");
        setPrefWidth(switch (column.kind()) {
            case UUID -> 290;
            case NUMBER, BOOLEAN -> 90;
            case TIMESTAMP, TIMESTAMPTZ -> 190;
            default -> 170;
        });
    }

    ColumnKind kind() {
        return info == null ? ColumnKind.OTHER : info.kind();
    }

    /** The name of the column shown here. */
    String columnName() {
        return info.name();
    }

    /** The header label holding the column's name (and the sort marker). */
    Label nameLabel() {
        return name;
    }

    /** What a header click asks for. */
    @FunctionalInterface
    interface SortRequest {
        void sortBy(String column, boolean add);
    }
}
