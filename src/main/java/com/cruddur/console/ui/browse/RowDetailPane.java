package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.ForeignKey;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/** The row detail beside the grid: every field of the selected row in full, and the links to related rows. */
final class RowDetailPane {
    private final BrowseViewModel vm;
    private final SplitPane gridSplit;
    private final VBox rowDetail;
    private final ListView<DetailField> detailList;
    private final Button openUserButton;
    private final Button openActivitiesButton;
    private final HBox noticeBox;
    private final Consumer<DetailField> copyValue;

    RowDetailPane(BrowseViewModel vm, SplitPane gridSplit, VBox rowDetail, ListView<DetailField> detailList,
                  Button openUserButton, Button openActivitiesButton, HBox noticeBox, Consumer<DetailField> copyValue) {
        this.vm = vm;
        this.gridSplit = gridSplit;
        this.rowDetail = rowDetail;
        this.detailList = detailList;
        this.openUserButton = openUserButton;
        this.openActivitiesButton = openActivitiesButton;
        this.noticeBox = noticeBox;
        this.copyValue = copyValue;
    }

    void bindDetail() {
        detailList.setItems(vm.detail().fields());
        detailList.setCellFactory(l -> new DetailCell(l, copyValue));
        // a new page or filter clears the selection while the panel stays open
        Label none = new Label("Select a row to see its values");
        none.setWrapText(true);
        none.getStyleClass().add("detail-placeholder");
        detailList.setPlaceholder(none);
        detailList.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            DetailField field = detailList.getSelectionModel().getSelectedItem();
            if (BrowseView.CTRL_C.match(e) && field != null) {
                copyValue.accept(field);
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                // the list's own behaviour takes Esc (cancel edit) before it reaches the view's handler
                vm.escape();
                e.consume();
            }
        });
        rowDetail.visibleProperty().bind(vm.detail().visibleProperty());
        vm.detail().visibleProperty().addListener((o, was, shown) -> showDetailPanel(shown));
        showDetailPanel(false);
        bindFollow(openUserButton, vm.detail().outgoingProperty(), true);
        bindFollow(openActivitiesButton, vm.detail().incomingProperty(), false);
    }

    private void bindFollow(Button button, javafx.beans.value.ObservableObjectValue<ForeignKey> key, boolean outgoing) {
        button.disableProperty().bind(Bindings.isNull(key));
        button.textProperty().bind(Bindings.createStringBinding(() -> {
            ForeignKey fk = key.get();
            String fallback = outgoing ? "Open user" : "Open activities";
            if (fk == null) {
                return fallback;
            }
            String table = outgoing ? fk.target().name() : fk.from().name();
            return outgoing ? "Open " + (table.equals("users") ? "user" : table) : "Open " + table;
        }, key));
    }

    private void showDetailPanel(boolean shown) {
        // a notice over the grid, not over the detail's buttons
        StackPane.setAlignment(noticeBox, shown ? Pos.BOTTOM_LEFT : Pos.BOTTOM_RIGHT);
        if (shown && !gridSplit.getItems().contains(rowDetail)) {
            gridSplit.getItems().add(rowDetail);
            gridSplit.setDividerPositions(1 - detailShare());
        } else if (!shown) {
            gridSplit.getItems().remove(rowDetail);
        }
    }

    /**
     * The detail's share of the split: a third, or as much as one UUID needs on a line of its own (a key read broken
     * at a hyphen is misread), up to half.
     */
    private double detailShare() {
        double total = gridSplit.getWidth();
        if (total <= 0) {
            return 0.34;
        }
        Label probe = new Label("00000000-0000-0000-0000-000000000000");
        probe.getStyleClass().add("detail-value");
        probe.setManaged(false);
        rowDetail.getChildren().add(probe);
        probe.applyCss();
        double uuid = probe.prefWidth(-1);
        rowDetail.getChildren().remove(probe);
        // DetailCell wraps values at the list's width less 34; the pane's padding and a vertical scroll bar come on top
        double needed = uuid + 34 + rowDetail.snappedLeftInset() + rowDetail.snappedRightInset() + 16;
        return Math.max(0.34, Math.min(0.5, needed / total));
    }
}
