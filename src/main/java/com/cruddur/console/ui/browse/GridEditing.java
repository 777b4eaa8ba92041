package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.PgValues;
import com.cruddur.console.core.browse.edit.CellValue;
import com.cruddur.console.ui.browse.edit.EditPanel;
import com.cruddur.console.ui.browse.edit.EditViewModel;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;

import java.util.List;

/**
 * Editing in the Browse grid: which cell is the target (the last one clicked, else the first column), the keys
 * (F2, typing, Delete, Ctrl+Z, Ctrl+S, Ctrl+Shift+N; double-click still opens the row detail), pending values shown in their cells and rows marked as
 * changed, deleted or refused by the server.
 */
final class GridEditing {
    static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination APPLY = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination SET_NULL = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final PseudoClass CHANGED = PseudoClass.getPseudoClass("pending-change");
    private static final PseudoClass DELETED = PseudoClass.getPseudoClass("pending-delete");
    private static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("edit-problem");

    private final TableView<GridRow> grid;
    private final EditViewModel edit;
    private TableColumn<GridRow, ?> lastColumn;

    GridEditing(TableView<GridRow> grid, EditViewModel edit) {
        this.grid = grid;
        this.edit = edit;
    }

    /** The cell the editor works on: the selected row, in the column last clicked (else the first value column). */
    EditPanel.Target target() {
        GridRow row = grid.getSelectionModel().getSelectedItem();
        GridColumn column = lastColumn instanceof GridColumn c && grid.getColumns().contains(c) ? c
                : grid.getColumns().stream().filter(GridColumn.class::isInstance).map(GridColumn.class::cast).findFirst().orElse(null);
        if (row == null || column == null || column.info() == null) {
            return null;
        }
        String name = column.columnName();
        CellValue pending = edit.pendingValue(row.values(), name);
        Object value = column.getCellObservableValue(row) == null ? null : column.getCellObservableValue(row).getValue();
        String shown = pending != null ? pending.text() : value == null ? null : PgValues.toText(value);
        return new EditPanel.Target(row.values(), name, shown);
    }

    List<Object[]> selectedRows() {
        return grid.getSelectionModel().getSelectedItems().stream().map(GridRow::values).toList();
    }

    void install(EditPanel panel, Runnable showDetail) {
        grid.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            for (Node n = e.getPickResult().getIntersectedNode(); n != null && n != grid; n = n.getParent()) {
                if (n instanceof TableCell<?, ?> cell) {
                    lastColumn = (TableColumn<GridRow, ?>) cell.getTableColumn();
                    break;
                }
            }
        });
        // double-click keeps opening the row detail (as before editing came); F2 or typing edits the cell
        grid.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                showDetail.run();
            }
        });
        grid.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F2) {
                panel.startEdit();
            } else if (UNDO.match(e)) {
                edit.undo();
            } else if (APPLY.match(e)) {
                panel.apply();
            } else if (SET_NULL.match(e)) {
                panel.setNull();
            } else if (e.getCode() == KeyCode.DELETE) {
                edit.delete(selectedRows());
            } else {
                return;
            }
            e.consume();
        });
        grid.addEventHandler(KeyEvent.KEY_TYPED, e -> {
            String c = e.getCharacter();
            if (!e.isControlDown() && !e.isMetaDown() && !e.isAltDown() && c.length() == 1 && c.charAt(0) >= ' '
                    && c.charAt(0) != 127) {
                panel.startEdit(c);
                e.consume();
            }
        });
        grid.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(GridRow row, boolean empty) {
                super.updateItem(row, empty);
                boolean filled = !empty && row != null;
                pseudoClassStateChanged(DELETED, filled && edit.isDeleted(row.values()));
                pseudoClassStateChanged(CHANGED, filled && !edit.isDeleted(row.values()) && hasPending(row));
                String problem = filled ? edit.problemOf(row.values()) : null;
                pseudoClassStateChanged(PROBLEM, problem != null);
                setTooltip(problem == null ? null : new javafx.scene.control.Tooltip(problem));
            }
        });
        edit.revisionProperty().addListener((o, was, now) -> grid.refresh());
    }

    private boolean hasPending(GridRow row) {
        for (TableColumn<GridRow, ?> c : grid.getColumns()) {
            if (c instanceof GridColumn g && g.info() != null && edit.pendingValue(row.values(), g.columnName()) != null) {
                return true;
            }
        }
        return false;
    }
}
