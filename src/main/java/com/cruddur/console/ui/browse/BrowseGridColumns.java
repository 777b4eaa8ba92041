package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.core.browse.SortKey;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.ArrayList;
import java.util.List;

/** The Browse grid's columns: the row-number column, the pooled value columns, their widths and sort markers. */
final class BrowseGridColumns {
    private final BrowseViewModel vm;
    private final TableView<GridRow> grid;
    /** A label that is shown in the grid's font, to measure widths with. */
    private final Label fontSource;
    /** The grid's columns by position, kept across tables, after the row-number column. */
    private final List<GridColumn> columnPool = new ArrayList<>();
    private final TableColumn<GridRow, String> rowNumberColumn = rowNumberColumn();
    private ColumnWidths widths;
    /** A new table's columns are shown: fit their widths to the rows that come next. */
    private boolean fitPending;

    BrowseGridColumns(BrowseViewModel vm, TableView<GridRow> grid, Label fontSource) {
        this.vm = vm;
        this.grid = grid;
        this.fontSource = fontSource;
    }

    /** True once, after a new table's columns are shown: the next page's rows set their widths. */
    boolean takeFitPending() {
        boolean was = fitPending;
        fitPending = false;
        return was;
    }

    /**
     * Shows the grid model's columns in the grid's columns, reusing them by position (see {@link GridColumn}): only
     * a table with more columns than any before makes some, and the row-number column stays. Columns a person dragged
     * into another order go back to the table's order.
     */
    void buildColumns() {
        List<ColumnInfo> infos = vm.grid().columns();
        while (columnPool.size() < infos.size()) {
            GridColumn column = new GridColumn(columnPool.size(), vm.grid().displayProperty(),
                    vm.grid().compactUuidsProperty(), (name, add) -> vm.grid().sortBy(name, add));
            showPendingValues(column, columnPool.size());
            columnPool.add(column);
        }
        for (int i = 0; i < infos.size(); i++) {
            columnPool.get(i).show(infos.get(i));
        }
        List<TableColumn<GridRow, ?>> wanted = new ArrayList<>();
        wanted.add(rowNumberColumn);
        wanted.addAll(columnPool.subList(0, infos.size()));
        // Changing only the tail keeps the other columns' cells where they are (a setAll would move all of them).
        ObservableList<TableColumn<GridRow, ?>> cols = grid.getColumns();
        int common = Math.min(cols.size(), wanted.size());
        if (!cols.subList(0, common).equals(wanted.subList(0, common))) {
            cols.setAll(wanted);
        } else if (cols.size() < wanted.size()) {
            cols.addAll(wanted.subList(common, wanted.size()));
        } else if (cols.size() > wanted.size()) {
            cols.remove(common, cols.size());
        }
        markSortedHeaders(vm.grid().sortProperty().get());
        fitPending = !infos.isEmpty();
    }

    /** The row-number column follows the numbers shown (row 1,000,000 needs more room than row 200). */
    void fitRowNumbers() {
        List<GridRow> rows = vm.grid().rows();
        if (!rows.isEmpty() && widths != null) {
            rowNumberColumn.setPrefWidth(widths.rowNumberWidth(rows.get(rows.size() - 1).number()));
        }
    }

    /** Widths from {@code rows} (a first page's values) for the columns shown. */
    void fitColumns(List<Object[]> rows) {
        int shown = vm.grid().columns().size();
        if (shown == 0) {
            return;
        }
        if (widths == null) {
            // the grid's font as CSS resolved it (theme and app.css), taken from a label that is shown
            widths = new ColumnWidths(fontSource.getFont());
            grid.setFixedCellSize(widths.rowHeight());
        }
        widths.fit(columnPool.subList(0, shown), rows, vm.grid().displayProperty().get(),
                vm.grid().compactUuidsProperty().get());
    }

    private static TableColumn<GridRow, String> rowNumberColumn() {
        TableColumn<GridRow, String> number = new TableColumn<>("#");
        number.setId("rowNumberColumn");
        number.getStyleClass().add("row-number-column");
        number.setSortable(false);
        number.setPrefWidth(56);
        number.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().numberText()));
        return number;
    }

    void markSortedHeaders(List<SortKey> sort) {
        for (TableColumn<GridRow, ?> col : grid.getColumns()) {
            if (!(col instanceof GridColumn column)) {
                continue;
            }
            String marker = "";
            for (int i = 0; i < sort.size(); i++) {
                if (sort.get(i).column().equals(column.columnName())) {
                    marker = (sort.get(i).ascending() ? "▲" : "▼") + (sort.size() > 1 ? Integer.toString(i + 1) : "");
                }
            }
            column.markSort(marker);
        }
    }

    /**
     * A cell with a pending value shows it (as typed; NULL as NULL) instead of the value read, marked; a cell the
     * server refused at the last apply is marked with its message.
     */
    private void showPendingValues(GridColumn column, int index) {
        column.setCellValueFactory(c -> {
            Object[] values = c.getValue().values();
            Object read = index < values.length ? values[index] : null;
            if (column.info() == null) {
                return new javafx.beans.property.ReadOnlyObjectWrapper<>(read);
            }
            var pending = vm.edit().pendingValue(values, column.columnName());
            String problem = vm.edit().problemOf(values, column.columnName());
            return new javafx.beans.property.ReadOnlyObjectWrapper<>(pending == null && problem == null ? read
                    : new GridCell.Marked(pending == null ? read : pending.text(), pending != null, problem));
        });
    }
}
