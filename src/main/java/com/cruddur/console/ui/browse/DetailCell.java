package com.cruddur.console.ui.browse;

import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** A detail field: name and type above the full value, wrapped to the panel's width. */
final class DetailCell extends ListCell<DetailField> {
    private final Label name = new Label();
    private final Label type = new Label();
    private final Label value = new Label();
    private final VBox box = new VBox(2, new FlowPane(8, 0, name, type), value);
    private final ContextMenu menu = new ContextMenu();

    DetailCell(ListView<DetailField> list, java.util.function.Consumer<DetailField> copy) {
        name.getStyleClass().add("detail-name");
        name.setMinWidth(Label.USE_PREF_SIZE);
        type.getStyleClass().add("detail-type");
        type.setWrapText(true);
        value.setWrapText(true);
        value.setMinHeight(Label.USE_PREF_SIZE);
        // as wide as the list, not as the longest value: the value wraps instead of scrolling sideways
        box.setMinWidth(0);
        box.setPrefWidth(0);
        var inner = list.widthProperty().subtract(34);
        value.maxWidthProperty().bind(inner);
        value.prefWidthProperty().bind(inner);
        // name and type wrap at the same width in measuring and in layout (the cell is measured before the list's
        // scroll bar takes its width, and a line that wrapped only then drew over the next field)
        FlowPane heading = (FlowPane) box.getChildren().get(0);
        heading.prefWrapLengthProperty().bind(inner);
        heading.maxWidthProperty().bind(inner);
        type.maxWidthProperty().bind(inner);
        MenuItem copyItem = new MenuItem("Copy value (Ctrl+C)");
        copyItem.setOnAction(e -> {
            if (getItem() != null) {
                copy.accept(getItem());
            }
        });
        menu.getItems().add(copyItem);
    }

    @Override
    protected void updateItem(DetailField d, boolean empty) {
        super.updateItem(d, empty);
        setText(null);
        if (empty || d == null) {
            setGraphic(null);
            setContextMenu(null);
            return;
        }
        name.setText(d.name());
        type.setText(d.type());
        value.setText(d.value());
        value.getStyleClass().removeAll("cell-null", "detail-value");
        value.getStyleClass().add(d.isNull() ? "cell-null" : "detail-value");
        setGraphic(box);
        setContextMenu(menu);
    }
}
