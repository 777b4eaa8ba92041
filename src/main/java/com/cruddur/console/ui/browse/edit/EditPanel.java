package com.cruddur.console.ui.browse.edit;

import com.cruddur.console.ui.common.Visibility;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Supplier;

/**
 * The editing controls of the Browse tab, built in code: the action bar, the cell editor, the message line and the
 * "Pending changes (n)" list with the SQL of each change. The grid hands in which row and column are being edited.
 */
public final class EditPanel {
    /** The row values and column name the user is editing, as the grid knows them. */
    public record Target(Object[] row, String column, String shownText) {
    }

    private final EditViewModel vm;
    private final Supplier<Target> target;
    private final Supplier<List<Object[]>> selectedRows;
    private final Runnable reload;
    private final Runnable showDetail;
    private final VBox box = new VBox(4);
    private final HBox editor = new HBox(6);
    private final VBox editorBox = new VBox(2);
    private final Label editorColumn = new Label();
    private final CellEditor cellEditor;
    private final ListView<PendingItem> pendingList = new ListView<>();
    private Target editing;
    private Runnable closed = () -> { };

    public EditPanel(EditViewModel vm, Supplier<Target> target, Supplier<List<Object[]>> selectedRows, Runnable reload,
                     Runnable showDetail) {
        this.vm = vm;
        this.target = target;
        this.selectedRows = selectedRows;
        this.reload = reload;
        this.showDetail = showDetail;
        this.cellEditor = new CellEditor(vm::problem, this::commitEdit, this::closeEditor);
        build();
    }

    public Node node() {
        return box;
    }

    private void build() {
        box.getStyleClass().add("edit-panel");
        box.setId("editPanel");
        Label reason = new Label();
        reason.setId("editReadOnlyReason");
        reason.getStyleClass().add("read-only-notice");
        reason.textProperty().bind(vm.readOnlyReasonProperty());
        Visibility.showWhen(reason, vm.readOnlyReasonProperty().isNotEmpty());

        Button edit = button("editCellButton", "Edit", "Edit the selected cell (double-click, F2 or start typing)",
                this::startEdit);
        Button setNull = button("setNullButton", "Set NULL", "Set the cell to NULL (Ctrl+Shift+N)", this::setNull);
        Button add = button("addRowButton", "Add row", "Add a row; its columns keep their DEFAULT until set", vm::addRow);
        Button dup = button("duplicateRowButton", "Duplicate", "Duplicate the selected row (key columns get their DEFAULT)",
                () -> selectedRows.get().stream().findFirst().ifPresent(vm::duplicate));
        Button delete = button("deleteRowsButton", "Delete", "Delete the selected rows when applied (Delete)",
                () -> vm.delete(selectedRows.get()));
        Button undo = button("undoButton", "Undo", "Undo the last change (Ctrl+Z)", vm::undo);
        Button apply = button("applyButton", "Apply", "Apply every pending change in one transaction (Ctrl+S)", this::apply);
        apply.getStyleClass().add("accent");
        apply.disableProperty().bind(Bindings.isEmpty(vm.pending()).or(vm.applyingProperty()));
        undo.disableProperty().bind(vm.editableProperty().not());
        ToggleButton showPending = new ToggleButton();
        showPending.setId("pendingToggle");
        showPending.setMinWidth(ToggleButton.USE_PREF_SIZE);
        showPending.textProperty().bind(Bindings.size(vm.pending()).asString("Pending changes (%d)"));
        Button detail = button("rowDetailButton", "Row detail", "Show the selected row whole (Enter); on an editable "
                + "table double-click edits the cell", showDetail);
        FlowPane bar = new FlowPane(6, 4, edit, setNull, add, dup, delete, undo, apply, showPending, detail);
        bar.setId("editBar");
        Visibility.showWhen(bar, vm.editableProperty());

        editorColumn.getStyleClass().add("section-title");
        editorColumn.setMinWidth(Label.USE_PREF_SIZE);
        Button ok = button("cellEditorOk", "OK", "Keep this value as a pending change (Enter; Ctrl+Enter in several "
                + "lines)", this::commitEdit);
        ok.disableProperty().bind(cellEditor.invalidProperty());
        Button cancel = button("cellEditorCancel", "Cancel", "Leave the cell as it was (Esc)", this::closeEditor);
        Button nullButton = button("cellEditorNull", "NULL", "Keep NULL for this cell (Ctrl+Shift+N)", this::setNull);
        HBox.setHgrow(cellEditor.node(), Priority.ALWAYS);
        editor.getChildren().setAll(editorColumn, cellEditor.node(), ok, nullButton, cancel);
        editor.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        cellEditor.hint().setId("cellEditorHint");
        editorBox.getChildren().setAll(editor, cellEditor.hint());
        editorBox.setId("cellEditorBox");

        Label message = new Label();
        message.setId("editMessage");
        message.setWrapText(true);
        message.setMinHeight(Label.USE_PREF_SIZE);
        message.getStyleClass().add("browse-error");
        message.textProperty().bind(vm.messageProperty());
        Visibility.showWhen(message, vm.messageProperty().isNotEmpty());
        // after a conflict: keep the user's values on the rows' current state, or drop them and read the rows again
        Button reapply = button("reapplyButton", "Re-apply on new values", "Make your changes again on the rows as "
                + "they are now (their other cells keep the new values), then check them and apply (Ctrl+S)",
                vm::reapplyOnNewValues);
        Button reloadRows = button("reloadAfterConflictButton", "Reload", "Discard every pending change and read "
                + "the rows again", () -> {
                    vm.discardAll();
                    reload.run();
                });
        HBox conflictActions = new HBox(6, reapply, reloadRows);
        conflictActions.setId("conflictActions");
        Visibility.showWhen(conflictActions, Bindings.createBooleanBinding(vm::hasConflicts,
                vm.revisionProperty(), vm.messageProperty()));

        pendingList.setId("pendingList");
        pendingList.setItems(vm.pending());
        pendingList.setPrefHeight(96); // four changes in sight; at 1024x640 the grid keeps most of the height
        pendingList.getStyleClass().add("mono");
        Button discard = button("discardButton", "Discard", "Discard the selected pending change",
                () -> {
                    PendingItem item = pendingList.getSelectionModel().getSelectedItem();
                    if (item != null) {
                        vm.discard(item);
                    }
                });
        Button discardAll = button("discardAllButton", "Discard all", "Discard every pending change", vm::discardAll);
        VBox pendingBox = new VBox(4, pendingList, new HBox(6, discard, discardAll));
        pendingBox.setId("pendingBox");
        Visibility.showWhen(pendingBox, showPending.selectedProperty().and(vm.editableProperty()));
        box.getChildren().setAll(reason, bar, editorBox, message, conflictActions, pendingBox);
        showEditor(false);
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(Button.USE_PREF_SIZE);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    /** F2 or typing: opens the editor on the target cell, or says why it cannot be edited. */
    public void startEdit() {
        startEdit(null);
    }

    public void startEdit(String typed) {
        Target t = target.get();
        if (t == null) {
            return;
        }
        String why = vm.reasonNotEditable(t.column());
        if (why != null) {
            vm.setCell(t.row(), t.column(), t.shownText()); // refused: the view model shows the reason
            return;
        }
        editing = t;
        editorColumn.setText(t.column() + ":");
        cellEditor.show(vm.column(t.column()), t.shownText(), typed, vm.columnTypes().labels(t.column()),
                vm.columnTypes().timeZone());
        showEditor(true);
        cellEditor.focus();
    }

    public void setNull() {
        Target t = editing != null ? editing : target.get();
        if (t != null && vm.setNull(t.row(), t.column())) {
            closeEditor();
        }
    }

    public void apply() {
        vm.apply(reload);
    }

    private void commitEdit() {
        if (editing != null && !cellEditor.invalidProperty().get()
                && vm.setCell(editing.row(), editing.column(), cellEditor.value())) {
            closeEditor();
        }
    }

    /** Runs after the editor closes (kept, cancelled): the grid takes the keys again. */
    public void setOnEditorClosed(Runnable closed) {
        this.closed = closed;
    }

    private void closeEditor() {
        boolean wasOpen = editing != null;
        editing = null;
        showEditor(false);
        if (wasOpen) {
            closed.run();
        }
    }

    private void showEditor(boolean shown) {
        editorBox.setVisible(shown);
        editorBox.setManaged(shown);
    }
}
