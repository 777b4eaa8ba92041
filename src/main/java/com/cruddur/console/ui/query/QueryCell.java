package com.cruddur.console.ui.query;

import com.cruddur.console.core.browse.ColumnKind;
import com.cruddur.console.core.browse.ValueDisplay;
import com.cruddur.console.ui.browse.GridRow;
import javafx.css.PseudoClass;
import javafx.scene.control.TableCell;

/**
 * A results cell styled as the Browse grid's cells are (same pseudo-classes, same stylesheet rules under
 * {@code .browse-grid}): NULL as a muted "NULL", the empty string as nothing, numbers to the right. Values are the
 * server's text, shown on one line.
 */
final class QueryCell extends TableCell<GridRow, Object> {
    static final PseudoClass NULL_VALUE = PseudoClass.getPseudoClass("null-value");
    private static final int MAX_CHARS = 300;

    QueryCell(ColumnKind kind) {
        String state = switch (kind) {
            case UUID -> "uuid";
            case NUMBER -> "number";
            case JSON -> "json";
            case BOOLEAN -> "bool";
            case TIMESTAMP, TIMESTAMPTZ, DATE -> "timestamp";
            default -> null;
        };
        if (state != null) {
            pseudoClassStateChanged(PseudoClass.getPseudoClass(state), true);
        }
    }

    @Override
    protected void updateItem(Object value, boolean empty) {
        super.updateItem(value, empty);
        boolean filled = !empty && getTableRow() != null && getTableRow().getItem() != null;
        pseudoClassStateChanged(NULL_VALUE, filled && value == null);
        if (!filled) {
            setText(null);
        } else if (value == null) {
            setText(ValueDisplay.NULL_TEXT);
        } else {
            String s = value.toString();
            s = s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) + "…" : s;
            setText(s.replace("\r\n", " ↵ ").replace('\n', '↵').replace('\r', '↵'));
        }
    }
}
