package com.cruddur.console.ui.query;

import com.cruddur.console.core.query.history.HistoryEntry;
import com.cruddur.console.ui.common.Icons;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The Query tab's history: search, the profile's statements (when, time, rows in the tooltip), Run again. */
final class HistoryPane {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private HistoryPane() {
    }

    static Node build(QueryViewModel vm, QueryMemory memory) {
        TextField search = new TextField();
        search.setId("historySearch");
        search.setPromptText("Search history");
        search.textProperty().bindBidirectional(memory.searchProperty());
        ListView<HistoryEntry> list = new ListView<>(memory.history());
        list.setId("historyList");
        list.getStyleClass().add("history-list");
        Label none = new Label("Statements you run appear here");
        // the pane is narrow in a 1024×640 window: the sentence wraps instead of ending in an ellipsis
        none.setWrapText(true);
        none.setTextAlignment(TextAlignment.CENTER);
        none.setMaxWidth(Double.MAX_VALUE);
        none.setAlignment(Pos.CENTER);
        list.setPlaceholder(none);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(HistoryEntry h, boolean empty) {
                super.updateItem(h, empty);
                if (empty || h == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                // one line per entry (list cells have one height); when, time and rows are in the tooltip
                setText(Messages.abbreviate(h.text()));
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("failed"), !h.ok());
                setTooltip(Icons.tooltip(h.text() + "\n\n" + WHEN.format(h.at()) + " · " + h.millis() + " ms · "
                        + (h.ok() ? QueryResult.count(h.rows()) + (h.rows() == 1 ? " row" : " rows")
                        : "failed: " + h.error())));
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                vm.rerun(list.getSelectionModel().getSelectedItem());
            }
        });
        Button rerun = new Button("Run again");
        rerun.setId("rerunButton");
        rerun.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull().or(vm.runningProperty()));
        rerun.setOnAction(e -> vm.rerun(list.getSelectionModel().getSelectedItem()));
        Label title = new Label("History");
        title.getStyleClass().add("title-4");
        VBox box = new VBox(6, title, search, list, rerun);
        VBox.setVgrow(list, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        box.setMinWidth(160);
        box.getStyleClass().add("history-pane");
        return box;
    }
}
