package com.cruddur.console.ui.query;

import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.ui.browse.GridRow;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.List;

/** One result set: the grid (Browse's cell look), its row count, Fetch more / Fetch all, and Copy as…. */
final class ResultPane extends BorderPane {
    private final TableView<GridRow> grid = new TableView<>();

    ResultPane(QueryResult result, QueryViewModel vm) {
        getStyleClass().add("query-result");
        grid.setId("resultGrid");
        grid.getStyleClass().add("browse-grid");
        grid.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        grid.setItems(result.rows());
        TableColumn<GridRow, Object> number = new TableColumn<>("#");
        number.getStyleClass().add("row-number-column");
        number.setSortable(false);
        number.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().number()));
        grid.getColumns().add(number);
        List<ColumnInfo> columns = result.columns();
        for (int i = 0; i < columns.size(); i++) {
            int index = i;
            ColumnInfo info = columns.get(i);
            TableColumn<GridRow, Object> col = new TableColumn<>(info.name());
            col.setUserData(info.name());
            col.setSortable(false);
            col.setPrefWidth(Math.max(80, Math.min(260, 12 + 8 * info.name().length())));
            col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().values()[index]));
            col.setCellFactory(c -> new QueryCell(info.kind()));
            grid.getColumns().add(col);
        }
        grid.setPlaceholder(new Label("No rows"));

        Label status = new Label();
        status.setId("resultStatus");
        status.getStyleClass().add("result-status");
        status.textProperty().bind(result.statusProperty());
        status.setMinWidth(0);
        Button more = new Button("Fetch more");
        more.setId("fetchMoreButton");
        Button all = new Button("Fetch all");
        all.setId("fetchAllButton");
        more.visibleProperty().bind(result.moreRowsProperty());
        more.managedProperty().bind(more.visibleProperty());
        all.visibleProperty().bind(result.moreRowsProperty());
        all.managedProperty().bind(all.visibleProperty());
        more.disableProperty().bind(vm.runningProperty());
        all.disableProperty().bind(vm.runningProperty());
        more.setOnAction(e -> vm.fetchMore());
        all.setOnAction(e -> vm.fetchAll());
        MenuButton copy = new MenuButton("Copy as");
        copy.setId("copyButton");
        for (ResultCopy.Format f : ResultCopy.Format.values()) {
            MenuItem item = new MenuItem(f.name());
            item.setId("copy" + f.name());
            item.setOnAction(e -> copy(result, f));
            copy.getItems().add(item);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, status, more, all, spacer, copy);
        bar.getStyleClass().add("result-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        setCenter(grid);
        setBottom(bar);
    }

    /** The selected rows (all rows when none is selected) to the clipboard. */
    private void copy(QueryResult result, ResultCopy.Format format) {
        List<GridRow> rows = grid.getSelectionModel().getSelectedItems().isEmpty() ? result.rows()
                : List.copyOf(grid.getSelectionModel().getSelectedItems());
        ClipboardContent content = new ClipboardContent();
        content.putString(ResultCopy.copy(format, result.columns(), rows));
        Clipboard.getSystemClipboard().setContent(content);
    }

    TableView<GridRow> grid() {
        return grid;
    }
}
