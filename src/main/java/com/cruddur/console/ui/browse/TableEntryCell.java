package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.TableSummary;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;

/** Table list entry: the name, a "view" marker, and the estimate in muted text beside it. */
final class TableEntryCell extends ListCell<TableSummary> {
    private final Label estimate = new Label();

    TableEntryCell() {
        estimate.getStyleClass().add("table-entry-estimate");
        estimate.setMinWidth(Label.USE_PREF_SIZE);
        setContentDisplay(ContentDisplay.RIGHT);
        setGraphicTextGap(8);
    }

    @Override
    protected void updateItem(TableSummary t, boolean empty) {
        super.updateItem(t, empty);
        getStyleClass().remove("table-entry-view");
        if (empty || t == null) {
            setText(null);
            setGraphic(null);
            setTooltip(null);
            return;
        }
        String name = t.ref().schema().equals("public") ? t.ref().name() : t.ref().toString();
        setText(name + (t.view() ? " (view)" : ""));
        estimate.setText(t.estimatedRows() >= 0 ? String.format("≈%,d", t.estimatedRows()) : "");
        setGraphic(t.estimatedRows() >= 0 ? estimate : null);
        if (t.view()) {
            getStyleClass().add("table-entry-view");
        }
        String tip = name + (t.estimatedRows() >= 0 ? String.format(" — about %,d rows", t.estimatedRows()) : "")
                + (t.comment() == null ? "" : "\n" + t.comment());
        setTooltip(new Tooltip(tip));
    }
}
