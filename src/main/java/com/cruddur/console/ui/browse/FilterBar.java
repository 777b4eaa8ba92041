package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.ColumnCondition;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.List;

/** The filter rows of the Browse toolbar: quick search, WHERE, the condition editor and its chips. */
final class FilterBar {
    private final BrowseViewModel vm;
    private final TextField quickFilter;
    private final TextField whereField;
    private final FlowPane conditionBar;
    private final HBox conditionEditor;
    private final ChoiceBox<String> conditionColumn;
    private final ChoiceBox<ColumnCondition.Op> conditionOp;
    private final TextField conditionValue;

    FilterBar(BrowseViewModel vm, TextField quickFilter, TextField whereField, FlowPane conditionBar,
              HBox conditionEditor, ChoiceBox<String> conditionColumn, ChoiceBox<ColumnCondition.Op> conditionOp,
              TextField conditionValue) {
        this.vm = vm;
        this.quickFilter = quickFilter;
        this.whereField = whereField;
        this.conditionBar = conditionBar;
        this.conditionEditor = conditionEditor;
        this.conditionColumn = conditionColumn;
        this.conditionOp = conditionOp;
        this.conditionValue = conditionValue;
    }

    void bindFilter(FilterViewModel f) {
        quickFilter.textProperty().bindBidirectional(f.quickSearchProperty());
        whereField.textProperty().bindBidirectional(f.whereProperty());
        conditionColumn.setItems(f.columnNames());
        conditionColumn.valueProperty().bindBidirectional(f.conditionColumnProperty());
        conditionOp.setItems(FXCollections.observableArrayList(ColumnCondition.Op.values()));
        conditionOp.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(ColumnCondition.Op op) { return op == null ? "" : op.label(); }
            @Override public ColumnCondition.Op fromString(String s) { return null; }
        });
        conditionOp.valueProperty().bindBidirectional(f.conditionOpProperty());
        conditionValue.textProperty().bindBidirectional(f.conditionValueProperty());
        conditionValue.promptTextProperty().bind(f.valuePromptProperty());
        conditionValue.disableProperty().bind(Bindings.createBooleanBinding(
                () -> f.conditionOpProperty().get() != null && !f.conditionOpProperty().get().takesValue(), f.conditionOpProperty()));
        f.conditions().addListener((ListChangeListener<ColumnCondition>) c -> showChips(f.conditions()));
    }

    /** One removable chip per condition, after the condition editor; the row wraps when they do not fit. */
    private void showChips(List<ColumnCondition> conditions) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(conditionEditor);
        for (ColumnCondition c : conditions) {
            Label text = new Label(FilterViewModel.chipText(c));
            text.setMinWidth(Label.USE_PREF_SIZE);
            text.getStyleClass().add("chip-text");
            Button remove = new Button();
            remove.setGraphic(new FontIcon("fth-x"));
            remove.getStyleClass().add("chip-remove");
            remove.setTooltip(new Tooltip("Remove " + FilterViewModel.chipText(c)));
            remove.setOnAction(e -> vm.removeCondition(c));
            HBox chip = new HBox(2, text, remove);
            chip.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            chip.getStyleClass().add("filter-chip");
            chip.setMinWidth(HBox.USE_PREF_SIZE);
            Tooltip.install(text, new Tooltip(FilterViewModel.chipTooltip(c)));
            nodes.add(chip);
        }
        conditionBar.getChildren().setAll(nodes);
    }
}
