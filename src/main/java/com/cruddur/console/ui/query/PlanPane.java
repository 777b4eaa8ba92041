package com.cruddur.console.ui.query;

import com.cruddur.console.core.query.explain.ExplainNode;
import com.cruddur.console.core.query.explain.ExplainResult;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;

import java.util.Locale;

/** A plan as a tree: node and relation, estimated vs actual rows, time, cost; the costliest nodes marked. */
final class PlanPane extends BorderPane {
    private static final PseudoClass COSTLIEST = PseudoClass.getPseudoClass("costliest");

    PlanPane(ExplainResult plan) {
        getStyleClass().add("query-plan");
        TreeTableView<ExplainNode> tree = new TreeTableView<>(item(plan.root()));
        tree.setId("planTree");
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TreeTableColumn<ExplainNode, String> node = new TreeTableColumn<>("Node");
        node.setPrefWidth(360);
        node.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().label()));
        TreeTableColumn<ExplainNode, String> rows = new TreeTableColumn<>("Rows");
        rows.setPrefWidth(180);
        rows.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().rowsText()));
        TreeTableColumn<ExplainNode, String> time = new TreeTableColumn<>("Time (ms)");
        time.setCellValueFactory(c -> {
            Double t = c.getValue().getValue().actualTimeMs();
            return new ReadOnlyStringWrapper(t == null ? "" : String.format(Locale.ROOT, "%.3f", t));
        });
        TreeTableColumn<ExplainNode, Object> cost = new TreeTableColumn<>("Cost");
        cost.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(String.format(Locale.ROOT, "%.2f..%.2f",
                c.getValue().getValue().startupCost(), c.getValue().getValue().totalCost())));
        tree.getColumns().add(node);
        tree.getColumns().add(rows);
        tree.getColumns().add(time);
        tree.getColumns().add(cost);
        tree.setRowFactory(t -> new TreeTableRow<>() {
            @Override
            protected void updateItem(ExplainNode n, boolean empty) {
                super.updateItem(n, empty);
                pseudoClassStateChanged(COSTLIEST, !empty && n != null && n.costliest());
            }
        });
        setCenter(tree);
        StringBuilder note = new StringBuilder(plan.analyzed() ? "EXPLAIN ANALYZE" : "EXPLAIN (estimates only)");
        if (plan.planningMs() != null) {
            note.append(String.format(Locale.ROOT, " · planning %.3f ms", plan.planningMs()));
        }
        if (plan.executionMs() != null) {
            note.append(String.format(Locale.ROOT, " · execution %.3f ms", plan.executionMs()));
        }
        note.append(" · costliest nodes in bold");
        if (plan.rollbackNote() != null) {
            note.append("\n").append(plan.rollbackNote());
        }
        Label info = new Label(note.toString());
        info.setId("planNote");
        info.setWrapText(true);
        info.getStyleClass().add("result-bar");
        setBottom(info);
    }

    private static TreeItem<ExplainNode> item(ExplainNode n) {
        TreeItem<ExplainNode> item = new TreeItem<>(n);
        item.setExpanded(true);
        for (ExplainNode c : n.children()) {
            item.getChildren().add(item(c));
        }
        return item;
    }
}
