package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.ColumnKind;
import com.cruddur.console.core.browse.ValueDisplay;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import com.cruddur.console.ui.browse.edit.EditViewModel;

/**
 * A grid cell styled by its column's kind (which changes when the column shows another table); NULL shows as a
 * muted "NULL", the empty string as nothing. A UUID shows its first 8 characters while compact UUIDs are on, the whole
 * value in the cell's tooltip.
 * <p>
 * Kind and NULL are pseudo-classes ({@code :uuid}, {@code :number}, {@code :json}, {@code :bool},
 * {@code :timestamp}, {@code :null-value}), not style classes: a style class change makes JavaFX match the cell
 * against the whole stylesheet again, a pseudo-class change only switches between styles it already matched. Paging
 * and table switches change them on hundreds of cells at once.
 */
final class GridCell extends TableCell<GridRow, Object> {
    static final int MAX_CHARS = 300;
    /** How many characters of a UUID a compact cell shows. */
    static final int COMPACT_UUID_CHARS = 8;
    static final PseudoClass NULL_VALUE = PseudoClass.getPseudoClass("null-value");
    private static final PseudoClass UUID = PseudoClass.getPseudoClass("uuid");
    private static final PseudoClass NUMBER = PseudoClass.getPseudoClass("number");
    private static final PseudoClass JSON = PseudoClass.getPseudoClass("json");
    private static final PseudoClass BOOL = PseudoClass.getPseudoClass("bool");
    private static final PseudoClass TIMESTAMP = PseudoClass.getPseudoClass("timestamp");
    static final PseudoClass PENDING = PseudoClass.getPseudoClass("pending-value");
    static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("edit-problem");
    static final PseudoClass DEFAULT = PseudoClass.getPseudoClass("default-value");

    private final ObservableValue<ValueDisplay> display;
    private final ObservableBooleanValue compactUuids;
    private PseudoClass kindState;
    /** Made the first time this cell shows a compact UUID; cells are reused, so this happens a few dozen times. */
    private Tooltip whole;

    GridCell(ObservableValue<ValueDisplay> display, ObservableBooleanValue compactUuids) {
        this.display = display;
        this.compactUuids = compactUuids;
    }

    static PseudoClass kindState(ColumnKind kind) {
        return switch (kind) {
            case UUID -> UUID;
            case NUMBER -> NUMBER;
            case JSON -> JSON;
            case BOOLEAN -> BOOL;
            case TIMESTAMP, TIMESTAMPTZ, DATE -> TIMESTAMP;
            default -> null;
        };
    }

    /**
     * What a cell shows when editing marks it: a pending value (the text typed, null for NULL) or the server's
     * message about it after a refused apply.
     */
    record Marked(Object value, boolean pending, String problem) {
    }

    @Override
    protected void updateItem(Object item, boolean empty) {
        super.updateItem(item, empty);
        boolean filled = !empty && getTableRow() != null && getTableRow().getItem() != null;
        Marked marked = filled && item instanceof Marked m ? m : null;
        Object value = marked == null ? item : marked.value();
        markKind(getTableColumn() instanceof GridColumn column ? kindState(column.kind()) : null);
        pseudoClassStateChanged(NULL_VALUE, filled && value == null);
        pseudoClassStateChanged(PENDING, marked != null && marked.pending());
        pseudoClassStateChanged(PROBLEM, marked != null && marked.problem() != null);
        pseudoClassStateChanged(DEFAULT, filled && value == EditViewModel.DEFAULT);
        String full = marked != null && marked.problem() != null ? marked.problem() : null;
        if (!filled) {
            setText(null);
        } else if (value == null) {
            setText(ValueDisplay.NULL_TEXT);
        } else if (value == EditViewModel.DEFAULT) {
            setText(value.toString());
        } else if (kindState == UUID && compactUuids.get() && full == null) {
            full = display.getValue().format(value);
            setText(compact(full));
        } else {
            setText(oneLine(display.getValue().format(value)));
        }
        showWhole(full);
    }

    private void showWhole(String full) {
        if (full == null) {
            if (getTooltip() != null) {
                setTooltip(null);
            }
            return;
        }
        if (whole == null) {
            whole = new Tooltip();
        }
        whole.setText(full);
        if (getTooltip() != whole) {
            setTooltip(whole);
        }
    }

    /** A UUID's first characters and an ellipsis; anything not longer is shown as it is. */
    static String compact(String uuid) {
        return uuid.length() <= COMPACT_UUID_CHARS + 1 ? uuid : uuid.substring(0, COMPACT_UUID_CHARS) + "…";
    }

    private void markKind(PseudoClass state) {
        if (state != kindState) {
            if (kindState != null) {
                pseudoClassStateChanged(kindState, false);
            }
            if (state != null) {
                pseudoClassStateChanged(state, true);
            }
            kindState = state;
        }
    }

    /** Long or multi-line text is cut for the grid; the row detail shows it whole. */
    static String oneLine(String text) {
        String s = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "…" : text;
        return s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s : s.replace("\r\n", " ↵ ").replace('\n', '↵').replace('\r', '↵');
    }
}
