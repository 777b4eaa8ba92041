package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.TableSummary;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;

/** What the grid shows in place of rows (its placeholder): where to go from here, for each empty state. */
final class BrowseEmptyState {
    private final BrowseViewModel vm;
    private final StackPane placeholder;

    BrowseEmptyState(BrowseViewModel vm, StackPane placeholder) {
        this.vm = vm;
        this.placeholder = placeholder;
    }

    /** What the grid shows without rows: where to go from here. */
    void showEmptyState(BrowseViewModel.EmptyState state) {
        VBox box = new VBox(10);
        box.setAlignment(javafx.geometry.Pos.CENTER);
        box.setMaxWidth(460);
        box.getStyleClass().add("empty-state");
        switch (state) {
            case NO_PROFILE -> box.getChildren().add(emptyText("No connection profile is active — choose one on the "
                    + "Connections tab."));
            case LOADING_TABLES -> box.getChildren().add(emptyText("Listing the tables…"));
            case TABLES_FAILED -> box.getChildren().add(emptyText("The tables could not be listed (the reason is on "
                    + "the left). Press F5 to try again."));
            case NO_TABLES -> {
                Button reset = new Button("Reset with the Cruddur schema…");
                reset.setId("resetSchemaButton");
                reset.setMinWidth(Button.USE_PREF_SIZE);
                reset.getStyleClass().add("accent");
                reset.setOnAction(e -> vm.openSchemaForReset());
                box.getChildren().addAll(emptyTitle("This database has no tables yet"),
                        emptyText("Load the Cruddur schema and seed on the Schema tab; its Reset asks before it "
                                + "changes anything."), reset);
            }
            case CHOOSE_TABLE -> {
                List<TableSummary> cruddur = vm.tables().cruddurTables();
                box.getChildren().add(emptyTitle(cruddur.isEmpty() ? "Choose a table on the left" : "Choose a table"));
                if (!cruddur.isEmpty()) {
                    HBox buttons = new HBox(8);
                    buttons.setAlignment(javafx.geometry.Pos.CENTER);
                    for (TableSummary t : cruddur) {
                        Button open = new Button(t.ref().name());
                        open.setId("open-" + t.ref().name());
                        open.setMinWidth(Button.USE_PREF_SIZE);
                        open.setGraphic(new FontIcon("fth-database"));
                        open.setOnAction(e -> vm.openTable(t));
                        buttons.getChildren().add(open);
                    }
                    box.getChildren().addAll(buttons, emptyText("or any table on the left"));
                }
            }
            case OPENING -> box.getChildren().add(emptyText("Loading…"));
            case NO_ROWS -> box.getChildren().add(emptyText(tableName() + " has no rows."));
            case NO_MATCHING_ROWS -> {
                Button clear = new Button("Clear the filter");
                clear.setId("emptyClearFilterButton");
                clear.setMinWidth(Button.USE_PREF_SIZE);
                clear.setOnAction(e -> vm.clearFilter());
                box.getChildren().addAll(emptyText("No rows of " + tableName() + " match the filter."), clear);
            }
            case NONE -> { }
        }
        placeholder.getChildren().setAll(box);
    }

    private String tableName() {
        var t = vm.grid().tableProperty().get();
        return t == null ? "The table" : t.ref().name();
    }

    private static Label emptyTitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("empty-title");
        l.setWrapText(true);
        l.setMinHeight(Label.USE_PREF_SIZE);
        return l;
    }

    private static Label emptyText(String text) {
        Label l = emptyTitle(text);
        l.getStyleClass().setAll("label", "empty-text");
        return l;
    }
}
