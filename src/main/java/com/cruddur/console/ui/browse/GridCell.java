package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.ColumnKind;
import com.cruddur.console.core.browse.ValueDisplay;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TableCell;

import java.util.List;

/** A grid cell styled by its column's kind; NULL shows as a muted "NULL", the empty string as nothing. */
final class GridCell extends TableCell<GridRow, Object> {
    static final int MAX_CHARS = 300;
    private static final List<String> KIND_CLASSES = List.of("cell-uuid", "cell-number", "cell-json", "cell-bool",
            "cell-timestamp");

    private final ColumnKind kind;
    private final ObservableValue<ValueDisplay> display;

    GridCell(ColumnKind kind, ObservableValue<ValueDisplay> display) {
        this.kind = kind;
        this.display = display;
        String cls = kindClass(kind);
        if (cls != null) {
            getStyleClass().add(cls);
        }
    }

    static String kindClass(ColumnKind kind) {
        return switch (kind) {
            case UUID -> KIND_CLASSES.get(0);
            case NUMBER -> KIND_CLASSES.get(1);
            case JSON -> KIND_CLASSES.get(2);
            case BOOLEAN -> KIND_CLASSES.get(3);
            case TIMESTAMP, TIMESTAMPTZ, DATE -> KIND_CLASSES.get(4);
            default -> null;
        };
    }

    @Override
    protected void updateItem(Object value, boolean empty) {
        super.updateItem(value, empty);
        boolean filled = !empty && getTableRow() != null && getTableRow().getItem() != null;
        markNull(filled && value == null);
        if (!filled) {
            setText(null);
        } else if (value == null) {
            setText(ValueDisplay.NULL_TEXT);
        } else {
            setText(oneLine(display.getValue().format(value)));
        }
    }

    /** Changes the style class only when the state changes: every change re-applies CSS to the cell. */
    private void markNull(boolean isNull) {
        if (isNull != getStyleClass().contains("cell-null")) {
            if (isNull) {
                getStyleClass().add("cell-null");
            } else {
                getStyleClass().remove("cell-null");
            }
        }
    }

    /** Long or multi-line text is cut for the grid; the row detail shows it whole. */
    static String oneLine(String text) {
        String s = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "…" : text;
        return s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s : s.replace("\r\n", " ↵ ").replace('\n', '↵').replace('\r', '↵');
    }
}
