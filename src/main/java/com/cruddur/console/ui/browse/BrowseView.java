package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.ColumnCondition;
import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.core.browse.Exporter;
import com.cruddur.console.core.browse.ForeignKey;
import com.cruddur.console.core.browse.SortKey;
import com.cruddur.console.core.browse.TableSummary;
import com.cruddur.console.ui.common.Fxml;
import com.cruddur.console.ui.common.Visibility;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.*;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** Code-behind of BrowseView.fxml: bindings to the view model, grid columns by type, keys and one-line handlers. */
public final class BrowseView {
    private static final double GRID_ROW_HEIGHT = 24;
    private static final KeyCombination CTRL_F = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination CTRL_C = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private final BrowseViewModel vm;
    /** The grid's columns by position, kept across tables, after the row-number column. */
    private final List<GridColumn> columnPool = new ArrayList<>();
    private final TableColumn<GridRow, String> rowNumberColumn = rowNumberColumn();

    @FXML private BorderPane root;
    @FXML private SplitPane gridSplit;
    @FXML private TextField tableSearch;
    @FXML private ListView<TableSummary> tableList;
    @FXML private Label tableListError;
    @FXML private TextField quickFilter;
    @FXML private TextField whereField;
    @FXML private ChoiceBox<String> conditionColumn;
    @FXML private ChoiceBox<ColumnCondition.Op> conditionOp;
    @FXML private TextField conditionValue;
    @FXML private Button addConditionButton;
    @FXML private Label conditionsLabel;
    @FXML private CheckBox autoRefreshCheck;
    @FXML private ToggleButton utcToggle;
    @FXML private Button cancelButton;
    @FXML private Label readOnlyNotice;
    @FXML private Label errorLine;
    @FXML private HBox signupForm;
    @FXML private TextField signupName;
    @FXML private TextField signupEmail;
    @FXML private TextField signupHandle;
    @FXML private TextField signupSub;
    @FXML private Button signupRunButton;
    @FXML private TableView<GridRow> grid;
    @FXML private VBox rowDetail;
    @FXML private ListView<DetailField> detailList;
    @FXML private Button openUserButton;
    @FXML private Button openActivitiesButton;
    @FXML private Button firstButton;
    @FXML private Button prevButton;
    @FXML private Button nextButton;
    @FXML private Button lastButton;
    @FXML private ChoiceBox<Integer> pageSizeChoice;
    @FXML private Label pageLabel;
    @FXML private Label countLabel;
    @FXML private Button exactCountButton;
    @FXML private Button simulateSignupButton;
    @FXML private Button copyJsonButton;
    @FXML private Button copyCsvButton;
    @FXML private Button copyInsertButton;
    @FXML private Button exportButton;
    @FXML private ProgressIndicator exportProgress;
    @FXML private Label exportLabel;

    public BrowseView(BrowseViewModel vm) {
        this.vm = vm;
    }

    /** Loads the FXML with this object as its controller and returns the root node. */
    public Parent load() {
        return Fxml.load(BrowseView.class, "BrowseView.fxml", this);
    }

    @FXML
    private void initialize() {
        GridViewModel g = vm.grid();
        FilterViewModel f = vm.filter();
        tableSearch.textProperty().bindBidirectional(vm.tables().searchProperty());
        tableList.setItems(vm.tables().tables());
        tableList.setCellFactory(l -> new TableEntryCell());
        tableList.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.tables().selectedProperty().set(now);
            }
        });
        vm.tables().selectedProperty().addListener((o, was, now) -> {
            if (now != null && tableList.getSelectionModel().getSelectedItem() != now) {
                tableList.getSelectionModel().select(now);
            }
        });
        bindText(tableListError, vm.tables().errorProperty());

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
        conditionValue.disableProperty().bind(Bindings.createBooleanBinding(
                () -> f.conditionOpProperty().get() != null && !f.conditionOpProperty().get().takesValue(), f.conditionOpProperty()));
        conditionsLabel.textProperty().bind(Bindings.createStringBinding(f::conditionsText, f.conditions()));

        autoRefreshCheck.selectedProperty().bindBidirectional(vm.autoRefreshProperty());
        utcToggle.selectedProperty().bindBidirectional(g.utcProperty());
        g.displayProperty().addListener((o, was, now) -> grid.refresh());
        bindText(readOnlyNotice, g.readOnlyNoticeProperty());
        bindText(errorLine, g.errorProperty());
        cancelButton.disableProperty().bind(g.loadingProperty().not().and(g.countingProperty().not())
                .and(vm.export().runningProperty().not()));

        grid.setItems(g.rows());
        // One row height for all rows: the grid then lays out only the visible rows, without measuring each.
        grid.setFixedCellSize(GRID_ROW_HEIGHT);
        grid.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        grid.setPlaceholder(new Label("Choose a table on the left"));
        g.columns().addListener((ListChangeListener<ColumnInfo>) c -> buildColumns());
        g.sortProperty().addListener((o, was, now) -> markSortedHeaders(now));
        grid.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && vm.detail().visibleProperty().get()) {
                vm.showDetail(now);
            }
        });
        grid.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                vm.showDetail(grid.getSelectionModel().getSelectedItem());
            }
        });
        grid.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                vm.showDetail(grid.getSelectionModel().getSelectedItem());
                e.consume();
            } else if (CTRL_C.match(e)) {
                copy(BrowseViewModel.CopyFormat.JSON);
                e.consume();
            }
        });

        detailList.setItems(vm.detail().fields());
        detailList.setCellFactory(l -> new DetailCell());
        rowDetail.visibleProperty().bind(vm.detail().visibleProperty());
        vm.detail().visibleProperty().addListener((o, was, shown) -> showDetailPanel(shown));
        showDetailPanel(false);
        bindFollow(openUserButton, vm.detail().outgoingProperty(), true);
        bindFollow(openActivitiesButton, vm.detail().incomingProperty(), false);

        pageSizeChoice.setItems(FXCollections.observableArrayList(GridViewModel.PAGE_SIZES));
        pageSizeChoice.setValue(g.pageSizeProperty().get());
        pageSizeChoice.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                g.pageSizeProperty().set(now);
            }
        });
        var noTable = g.pageProperty().isNull();
        firstButton.disableProperty().bind(noTable.or(g.hasPreviousProperty().not()));
        prevButton.disableProperty().bind(noTable.or(g.hasPreviousProperty().not()));
        nextButton.disableProperty().bind(noTable.or(g.hasNextProperty().not()));
        lastButton.disableProperty().bind(noTable.or(g.hasNextProperty().not()));
        pageLabel.textProperty().bind(g.pageLabelProperty());
        countLabel.textProperty().bind(g.countLabelProperty());
        exactCountButton.disableProperty().bind(noTable.or(g.countingProperty()));
        for (Button b : new Button[] {copyJsonButton, copyCsvButton, copyInsertButton}) {
            b.disableProperty().bind(Bindings.isEmpty(grid.getSelectionModel().getSelectedItems()));
        }
        exportButton.disableProperty().bind(noTable.or(vm.export().runningProperty()));
        exportProgress.visibleProperty().bind(vm.export().runningProperty());
        exportLabel.textProperty().bind(vm.export().progressProperty());

        SignupViewModel s = vm.signup();
        Visibility.showWhen(simulateSignupButton, vm.usersTableProperty());
        Visibility.showWhen(signupForm, s.formShownProperty().and(vm.usersTableProperty()));
        signupName.textProperty().bindBidirectional(s.nameProperty());
        signupEmail.textProperty().bindBidirectional(s.emailProperty());
        signupHandle.textProperty().bindBidirectional(s.handleProperty());
        signupSub.textProperty().bindBidirectional(s.subProperty());
        signupRunButton.disableProperty().bind(s.runningProperty());

        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F5) {
                vm.refresh();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                vm.cancel();
                e.consume();
            } else if (CTRL_F.match(e)) {
                quickFilter.requestFocus();
                quickFilter.selectAll();
                e.consume();
            }
        });
        root.getStyleClass().add("view");
    }

    private static void bindText(Label label, javafx.beans.value.ObservableStringValue text) {
        label.textProperty().bind(text);
        Visibility.showWhen(label, Bindings.createBooleanBinding(() -> !text.get().isEmpty(), text));
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
        if (shown && !gridSplit.getItems().contains(rowDetail)) {
            gridSplit.getItems().add(rowDetail);
            gridSplit.setDividerPositions(0.68);
        } else if (!shown) {
            gridSplit.getItems().remove(rowDetail);
        }
    }

    /**
     * Shows the grid model's columns in the grid's columns, reusing them by position (see {@link GridColumn}): only
     * a table with more columns than any before makes some, and the row-number column stays. Columns a person dragged
     * into another order go back to the table's order.
     */
    private void buildColumns() {
        List<ColumnInfo> infos = vm.grid().columns();
        while (columnPool.size() < infos.size()) {
            columnPool.add(new GridColumn(columnPool.size(), vm.grid().displayProperty(),
                    (column, add) -> vm.grid().sortBy(column, add)));
        }
        for (int i = 0; i < infos.size(); i++) {
            columnPool.get(i).show(infos.get(i));
        }
        List<TableColumn<GridRow, ?>> wanted = new ArrayList<>();
        wanted.add(rowNumberColumn);
        wanted.addAll(columnPool.subList(0, infos.size()));
        // Changing only the tail keeps the other columns' cells where they are (a setAll would move all of them).
        ObservableList<TableColumn<GridRow, ?>> cols = grid.getColumns();
        int common = Math.min(cols.size(), wanted.size());
        if (!cols.subList(0, common).equals(wanted.subList(0, common))) {
            cols.setAll(wanted);
        } else if (cols.size() < wanted.size()) {
            cols.addAll(wanted.subList(common, wanted.size()));
        } else if (cols.size() > wanted.size()) {
            cols.remove(common, cols.size());
        }
        markSortedHeaders(vm.grid().sortProperty().get());
    }

    private static TableColumn<GridRow, String> rowNumberColumn() {
        TableColumn<GridRow, String> number = new TableColumn<>("#");
        number.setId("rowNumberColumn");
        number.getStyleClass().add("row-number-column");
        number.setSortable(false);
        number.setPrefWidth(64);
        number.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().numberText()));
        return number;
    }

    private void markSortedHeaders(List<SortKey> sort) {
        for (TableColumn<GridRow, ?> col : grid.getColumns()) {
            if (!(col instanceof GridColumn column)) {
                continue;
            }
            Label name = column.nameLabel();
            String base = column.columnName();
            String suffix = "";
            for (int i = 0; i < sort.size(); i++) {
                if (sort.get(i).column().equals(base)) {
                    suffix = " " + (sort.get(i).ascending() ? "▲" : "▼") + (sort.size() > 1 ? Integer.toString(i + 1) : "");
                }
            }
            name.setText(base + suffix);
        }
    }

    private void copy(BrowseViewModel.CopyFormat format) {
        String text = vm.copy(format, new ArrayList<>(grid.getSelectionModel().getSelectedItems()));
        if (text != null) {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        }
    }

    @FXML private void onRefreshTables() { vm.tables().reload(); }
    @FXML private void onApplyFilter() { vm.applyFilter(); }
    @FXML private void onClearFilter() { vm.clearFilter(); }
    @FXML private void onAddCondition() { vm.addCondition(); }
    @FXML private void onRefresh() { vm.refresh(); }
    @FXML private void onCancel() { vm.cancel(); }
    @FXML private void onFirst() { vm.grid().first(); }
    @FXML private void onPrevious() { vm.grid().previous(); }
    @FXML private void onNext() { vm.grid().next(); }
    @FXML private void onLast() { vm.grid().last(); }
    @FXML private void onExactCount() { vm.grid().exactCount(); }
    @FXML private void onCopyJson() { copy(BrowseViewModel.CopyFormat.JSON); }
    @FXML private void onCopyCsv() { copy(BrowseViewModel.CopyFormat.CSV); }
    @FXML private void onCopyInsert() { copy(BrowseViewModel.CopyFormat.INSERT); }
    @FXML private void onCloseDetail() { vm.detail().visibleProperty().set(false); }
    @FXML private void onOpenUser() { vm.openReferenced(); }
    @FXML private void onOpenActivities() { vm.openReferencing(); }
    @FXML private void onSimulateSignup() { vm.signup().formShownProperty().set(!vm.signup().formShownProperty().get()); }
    @FXML private void onSignupRun() { vm.signup().simulate(); }

    @FXML
    private void onExport() {
        var table = vm.grid().tableProperty().get();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + (table == null ? "rows" : table.ref()));
        chooser.getExtensionFilters().setAll(new FileChooser.ExtensionFilter("CSV", "*.csv"),
                new FileChooser.ExtensionFilter("JSON", "*.json"));
        chooser.setInitialFileName((table == null ? "export" : table.ref().name()) + ".csv");
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            boolean json = file.getName().toLowerCase().endsWith(".json")
                    || (chooser.getSelectedExtensionFilter() != null && chooser.getSelectedExtensionFilter().getDescription().equals("JSON"));
            vm.export().export(file.toPath(), json ? Exporter.Format.JSON : Exporter.Format.CSV);
        }
    }

    /** Table list entry: name, a "view" marker and the estimate. */
    private static final class TableEntryCell extends ListCell<TableSummary> {
        @Override
        protected void updateItem(TableSummary t, boolean empty) {
            super.updateItem(t, empty);
            getStyleClass().remove("table-entry-view");
            if (empty || t == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            String name = t.ref().schema().equals("public") ? t.ref().name() : t.ref().toString();
            setText(name + (t.view() ? " (view)" : "") + (t.estimatedRows() >= 0 ? String.format("  ≈%,d", t.estimatedRows()) : ""));
            if (t.view()) {
                getStyleClass().add("table-entry-view");
            }
            setTooltip(t.comment() == null ? null : new Tooltip(t.comment()));
        }
    }

    /** A detail field: name and type above the full value. */
    private static final class DetailCell extends ListCell<DetailField> {
        @Override
        protected void updateItem(DetailField d, boolean empty) {
            super.updateItem(d, empty);
            if (empty || d == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label name = new Label(d.name() + "  ·  " + d.type());
            name.getStyleClass().add("detail-name");
            TextArea value = new TextArea(d.value());
            value.setEditable(false);
            value.setWrapText(true);
            value.setPrefRowCount(Math.min(12, Math.max(1, (int) d.value().lines().count())));
            value.getStyleClass().add(d.isNull() ? "cell-null" : "detail-value");
            Node box = new VBox(2, name, value);
            setGraphic(box);
            setText(null);
        }
    }
}
