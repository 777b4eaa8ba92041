package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.PgValues;
import com.cruddur.console.core.browse.edit.CellValue;
import com.cruddur.console.ui.browse.edit.EditPanel;
import com.cruddur.console.ui.browse.edit.EditViewModel;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Editing in the Browse grid: which cell is the target (the last one clicked, else the first column), the keys
 * (double-click, F2, typing, Delete, Ctrl+Z, Ctrl+S, Ctrl+Shift+N; Enter opens the row detail), pending new rows
 * shown above the rows read, pending values shown in their cells and rows marked as new, changed, deleted or refused
 * by the server. On a read-only table double-click opens the row detail, as it did before editing came.
 */
final class GridEditing {
    static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination APPLY = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination PASTE = new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination SET_NULL = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final PseudoClass CHANGED = PseudoClass.getPseudoClass("pending-change");
    private static final PseudoClass DELETED = PseudoClass.getPseudoClass("pending-delete");
    private static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("edit-problem");
    private static final PseudoClass NEW = PseudoClass.getPseudoClass("pending-new");

    private final TableView<GridRow> grid;
    private final EditViewModel edit;
    private final ObservableList<GridRow> read;
    /** The rows the grid shows: the pending new rows, then the rows read. */
    private final ObservableList<GridRow> shown = FXCollections.observableArrayList();
    /** The grid row of each pending new row, kept while it is pending so its selection stays. */
    private final Map<Object[], GridRow> newRows = new IdentityHashMap<>();
    private TableColumn<GridRow, ?> lastColumn;

    GridEditing(TableView<GridRow> grid, EditViewModel edit, ObservableList<GridRow> read) {
        this.grid = grid;
        this.edit = edit;
        this.read = read;
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
        if (value instanceof GridCell.Marked marked) {
            value = marked.value();
        }
        // a new row's cell at its DEFAULT starts empty
        String shown = pending != null ? pending.text() : value == null ? null
                : value == EditViewModel.DEFAULT ? "" : PgValues.toText(value);
        return new EditPanel.Target(row.values(), name, shown);
    }

    /** Ctrl+V: the clipboard's text as a block of cells, from the target cell down and right. */
    private void paste() {
        EditPanel.Target t = target();
        String text = Clipboard.getSystemClipboard().getString();
        if (t == null || text == null) {
            return;
        }
        int from = grid.getSelectionModel().getSelectedIndex();
        List<Object[]> rows = shown.subList(Math.max(from, 0), shown.size()).stream().map(GridRow::values).toList();
        List<String> columns = new ArrayList<>();
        boolean started = false;
        for (TableColumn<GridRow, ?> c : grid.getVisibleLeafColumns()) {
            if (c instanceof GridColumn g && g.info() != null && (started || g.columnName().equals(t.column()))) {
                started = true;
                columns.add(g.columnName());
            }
        }
        edit.paste(rows, columns, text);
    }

    List<Object[]> selectedRows() {
        return grid.getSelectionModel().getSelectedItems().stream().map(GridRow::values).toList();
    }

    void install(EditPanel panel, Runnable showDetail) {
        panel.setOnEditorClosed(grid::requestFocus);
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
            if (e.getClickCount() == 2 && e.getButton() == MouseButton.PRIMARY) {
                if (edit.editableProperty().get()) {
                    panel.startEdit();
                } else {
                    showDetail.run();
                }
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
            } else if (PASTE.match(e)) {
                paste();
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
                pseudoClassStateChanged(NEW, filled && edit.newRowId(row.values()) != null);
                pseudoClassStateChanged(DELETED, filled && edit.isDeleted(row.values()));
                pseudoClassStateChanged(CHANGED, filled && !edit.isDeleted(row.values()) && hasPending(row));
                String problem = filled ? edit.problemOf(row.values()) : null;
                pseudoClassStateChanged(PROBLEM, problem != null);
                setTooltip(problem == null ? null : new javafx.scene.control.Tooltip(problem));
            }
        });
        grid.setItems(shown);
        shown.setAll(read);
        read.addListener((ListChangeListener<GridRow>) c -> {
            List<GridRow> all = new ArrayList<>(shown.subList(0, newRows.size()));
            all.addAll(read);
            shown.setAll(all);
        });
        edit.revisionProperty().addListener((o, was, now) -> {
            showNewRows();
            markReadOnlyColumns();
            grid.refresh();
        });
        edit.editableProperty().addListener((o, was, now) -> markReadOnlyColumns());
    }

    /** On an editable table, the columns the server will not let change say so on their header (why, on hover). */
    private void markReadOnlyColumns() {
        boolean editable = edit.editableProperty().get();
        for (TableColumn<GridRow, ?> c : grid.getColumns()) {
            if (c instanceof GridColumn g && g.info() != null) {
                g.markReadOnly(editable ? edit.reasonNotEditable(g.columnName()) : null);
            }
        }
    }

    /**
     * Puts the pending new rows above the rows read, touching only that part of the list (the selection of the rows
     * read stays); a row just added is selected and scrolled to, ready to be edited.
     */
    private void showNewRows() {
        List<Object[]> values = edit.newRowValues();
        List<GridRow> wanted = new ArrayList<>(values.size());
        GridRow added = null;
        for (Object[] v : values) {
            GridRow row = newRows.get(v);
            if (row == null) {
                row = new GridRow(-1, v);
                added = row;
            }
            wanted.add(row);
        }
        int before = newRows.size();
        if (shown.subList(0, before).equals(wanted)) {
            return;
        }
        newRows.clear();
        wanted.forEach(r -> newRows.put(r.values(), r));
        shown.remove(0, before);
        shown.addAll(0, wanted);
        if (added != null) {
            int at = shown.indexOf(added);
            grid.getSelectionModel().clearAndSelect(at);
            grid.scrollTo(at);
        }
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
