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
import javafx.geometry.Pos;
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
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** Code-behind of BrowseView.fxml: bindings to the view model, grid columns by type, keys and one-line handlers. */
public final class BrowseView {
    private static final KeyCombination CTRL_F = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination CTRL_C = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private final BrowseViewModel vm;
    /** The grid's columns by position, kept across tables, after the row-number column. */
    private final List<GridColumn> columnPool = new ArrayList<>();
    private final TableColumn<GridRow, String> rowNumberColumn = rowNumberColumn();
    private final StackPane placeholder = new StackPane();
    private ColumnWidths widths;
    /** A new table's columns are shown: fit their widths to the rows that come next. */
    private boolean fitPending;

    @FXML private BorderPane root;
    @FXML private SplitPane gridSplit;
    @FXML private TextField tableSearch;
    @FXML private ListView<TableSummary> tableList;
    @FXML private Label tableListError;
    @FXML private TextField quickFilter;
    @FXML private TextField whereField;
    @FXML private FlowPane conditionBar;
    @FXML private HBox conditionEditor;
    @FXML private ChoiceBox<String> conditionColumn;
    @FXML private ChoiceBox<ColumnCondition.Op> conditionOp;
    @FXML private TextField conditionValue;
    @FXML private Button cancelButton;
    @FXML private Label readOnlyNotice;
    @FXML private Label errorLine;
    @FXML private FlowPane signupForm;
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
    @FXML private HBox noticeBox;
    @FXML private Label noticeText;
    @FXML private Button showInFolderButton;
    @FXML private Button firstButton;
    @FXML private Button prevButton;
    @FXML private Button nextButton;
    @FXML private Button lastButton;
    @FXML private ChoiceBox<Integer> pageSizeChoice;
    @FXML private Label pageLabel;
    @FXML private Label countLabel;
    @FXML private Label countSeparator;
    @FXML private Hyperlink exactCountButton;
    @FXML private HBox exportStatus;
    @FXML private Label exportLabel;
    @FXML private Button copyJsonButton;
    @FXML private Button exportButton;
    @FXML private MenuItem copyCsvItem;
    @FXML private MenuItem copyInsertItem;
    @FXML private SeparatorMenuItem signupSeparator;
    @FXML private MenuItem simulateSignupItem;
    @FXML private CheckMenuItem autoRefreshItem;
    @FXML private CheckMenuItem utcItem;
    @FXML private CheckMenuItem compactUuidsItem;

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
        bindTableList();
        bindFilter(vm.filter());

        autoRefreshItem.selectedProperty().bindBidirectional(vm.autoRefreshProperty());
        utcItem.selectedProperty().bindBidirectional(g.utcProperty());
        compactUuidsItem.selectedProperty().bindBidirectional(g.compactUuidsProperty());
        g.displayProperty().addListener((o, was, now) -> grid.refresh());
        g.compactUuidsProperty().addListener((o, was, now) -> {
            fitColumns(g.rows().stream().map(GridRow::values).toList());
            grid.refresh();
        });
        bindText(readOnlyNotice, g.readOnlyNoticeProperty());
        bindText(errorLine, g.errorProperty());
        cancelButton.disableProperty().bind(g.loadingProperty().not().and(g.countingProperty().not())
                .and(vm.export().runningProperty().not()));

        bindGrid(g);
        bindDetail();
        bindPaging(g);
        bindNotice();

        SignupViewModel s = vm.signup();
        simulateSignupItem.visibleProperty().bind(vm.usersTableProperty());
        signupSeparator.visibleProperty().bind(vm.usersTableProperty());
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
                vm.escape();
                e.consume();
            } else if (CTRL_F.match(e)) {
                quickFilter.requestFocus();
                quickFilter.selectAll();
                e.consume();
            }
        });
        root.getStyleClass().add("view");
        followTab();
    }

    private void bindTableList() {
        tableSearch.textProperty().bindBidirectional(vm.tables().searchProperty());
        tableList.setItems(vm.tables().tables());
        tableList.setCellFactory(l -> new TableEntryCell());
        tableList.setPlaceholder(new Label(""));
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
    }

    private void bindFilter(FilterViewModel f) {
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

    private void bindGrid(GridViewModel g) {
        grid.setItems(g.rows());
        // One row height for all rows: the grid then lays out only the visible rows, without measuring each.
        grid.setFixedCellSize(24);
        grid.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        grid.setPlaceholder(placeholder);
        placeholder.getStyleClass().add("browse-empty");
        vm.emptyStateProperty().addListener((o, was, now) -> showEmptyState(now));
        vm.tables().cruddurTables().addListener((ListChangeListener<TableSummary>) c -> showEmptyState(vm.emptyStateProperty().get()));
        showEmptyState(vm.emptyStateProperty().get());
        g.columns().addListener((ListChangeListener<ColumnInfo>) c -> buildColumns());
        // a new table's widths are set from its first page before its rows reach the grid: one layout, not two
        g.pageProperty().addListener((o, was, page) -> {
            if (fitPending && page != null) {
                fitPending = false;
                fitColumns(page.rows());
            }
        });
        g.rows().addListener((ListChangeListener<GridRow>) c -> fitRowNumbers());
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
    }

    private void bindDetail() {
        detailList.setItems(vm.detail().fields());
        detailList.setCellFactory(l -> new DetailCell(l, this::copyValue));
        // a new page or filter clears the selection while the panel stays open
        Label none = new Label("Select a row to see its values");
        none.setWrapText(true);
        none.getStyleClass().add("detail-placeholder");
        detailList.setPlaceholder(none);
        detailList.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            DetailField field = detailList.getSelectionModel().getSelectedItem();
            if (CTRL_C.match(e) && field != null) {
                copyValue(field);
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

    private void bindPaging(GridViewModel g) {
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
        exactCountButton.textProperty().bind(g.countActionProperty());
        var countAction = Bindings.createBooleanBinding(() -> !g.countActionProperty().get().isEmpty(), g.countActionProperty());
        Visibility.showWhen(exactCountButton, countAction);
        Visibility.showWhen(countSeparator, countAction);
        exactCountButton.setTooltip(new Tooltip("Count the rows exactly on the server (cancellable)"));
        var noSelection = Bindings.isEmpty(grid.getSelectionModel().getSelectedItems());
        copyJsonButton.disableProperty().bind(noSelection);
        copyCsvItem.disableProperty().bind(noSelection);
        copyInsertItem.disableProperty().bind(noSelection);
        exportButton.disableProperty().bind(noTable.or(vm.export().runningProperty()));
        Visibility.showWhen(exportStatus, vm.export().runningProperty());
        exportLabel.textProperty().bind(vm.export().progressProperty());
    }

    private void bindNotice() {
        Visibility.showWhen(noticeBox, vm.noticeProperty().isNotNull());
        noticeText.textProperty().bind(Bindings.createStringBinding(
                () -> vm.noticeProperty().get() == null ? "" : vm.noticeProperty().get().text(), vm.noticeProperty()));
        Visibility.showWhen(showInFolderButton, Bindings.createBooleanBinding(
                () -> vm.noticeProperty().get() != null && vm.noticeProperty().get().folder() != null, vm.noticeProperty()));
        vm.noticeProperty().addListener((o, was, now) ->
                noticeBox.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("error"), now != null && now.error()));
    }

    /** What the grid shows without rows: where to go from here. */
    private void showEmptyState(BrowseViewModel.EmptyState state) {
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
        // a notice over the grid, not over the detail's buttons
        StackPane.setAlignment(noticeBox, shown ? Pos.BOTTOM_LEFT : Pos.BOTTOM_RIGHT);
        if (shown && !gridSplit.getItems().contains(rowDetail)) {
            gridSplit.getItems().add(rowDetail);
            gridSplit.setDividerPositions(0.66);
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
                    vm.grid().compactUuidsProperty(), (column, add) -> vm.grid().sortBy(column, add)));
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
        fitPending = !infos.isEmpty();
    }

    /** The row-number column follows the numbers shown (row 1,000,000 needs more room than row 200). */
    private void fitRowNumbers() {
        List<GridRow> rows = vm.grid().rows();
        if (!rows.isEmpty() && widths != null) {
            rowNumberColumn.setPrefWidth(widths.rowNumberWidth(rows.get(rows.size() - 1).number()));
        }
    }

    /** Widths from {@code rows} (a first page's values) for the columns shown. */
    private void fitColumns(List<Object[]> rows) {
        int shown = vm.grid().columns().size();
        if (shown == 0) {
            return;
        }
        if (widths == null) {
            // the grid's font as CSS resolved it (theme and app.css), taken from a label that is shown
            widths = new ColumnWidths(pageLabel.getFont());
            grid.setFixedCellSize(widths.rowHeight());
        }
        widths.fit(columnPool.subList(0, shown), rows, vm.grid().displayProperty().get(),
                vm.grid().compactUuidsProperty().get());
    }

    private static TableColumn<GridRow, String> rowNumberColumn() {
        TableColumn<GridRow, String> number = new TableColumn<>("#");
        number.setId("rowNumberColumn");
        number.getStyleClass().add("row-number-column");
        number.setSortable(false);
        number.setPrefWidth(56);
        number.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().numberText()));
        return number;
    }

    private void markSortedHeaders(List<SortKey> sort) {
        for (TableColumn<GridRow, ?> col : grid.getColumns()) {
            if (!(col instanceof GridColumn column)) {
                continue;
            }
            String marker = "";
            for (int i = 0; i < sort.size(); i++) {
                if (sort.get(i).column().equals(column.columnName())) {
                    marker = (sort.get(i).ascending() ? "▲" : "▼") + (sort.size() > 1 ? Integer.toString(i + 1) : "");
                }
            }
            column.markSort(marker);
        }
    }

    private void copy(BrowseViewModel.CopyFormat format) {
        toClipboard(vm.copy(format, new ArrayList<>(grid.getSelectionModel().getSelectedItems())));
    }

    private void copyValue(DetailField field) {
        toClipboard(vm.copyValue(field));
    }

    private static void toClipboard(String text) {
        if (text != null) {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        }
    }

    /**
     * The tab this view is the content of: the view model hears when it is shown again (a reset on the Schema tab
     * may have made tables), and "Reset with the Cruddur schema" selects the Schema tab next to it unless the
     * composition root said otherwise.
     */
    private void followTab() {
        root.sceneProperty().addListener((o, was, scene) -> {
            Tab tab = enclosingTab();
            if (scene == null || tab == null || Boolean.TRUE.equals(tab.getProperties().get(BrowseView.class))) {
                return;
            }
            tab.getProperties().put(BrowseView.class, true);
            tab.selectedProperty().addListener((ob, wasSelected, selected) -> {
                if (selected) {
                    vm.tabShown();
                }
            });
            if (!vm.hasSchemaOpener()) {
                vm.setOnOpenSchema(() -> tab.getTabPane().getTabs().stream()
                        .filter(t -> "schemaTab".equals(t.getId())).findFirst()
                        .ifPresent(t -> tab.getTabPane().getSelectionModel().select(t)));
            }
        });
    }

    private Tab enclosingTab() {
        for (Node n = root.getParent(); n != null; n = n.getParent()) {
            if (n instanceof TabPane pane) {
                return pane.getTabs().stream().filter(t -> t.getContent() == root).findFirst().orElse(null);
            }
        }
        return null;
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
    @FXML private void onCountAction() { vm.grid().countAction(); }
    @FXML private void onCopyJson() { copy(BrowseViewModel.CopyFormat.JSON); }
    @FXML private void onCopyCsv() { copy(BrowseViewModel.CopyFormat.CSV); }
    @FXML private void onCopyInsert() { copy(BrowseViewModel.CopyFormat.INSERT); }
    @FXML private void onCloseDetail() { vm.detail().visibleProperty().set(false); }
    @FXML private void onOpenUser() { vm.openReferenced(); }
    @FXML private void onOpenActivities() { vm.openReferencing(); }
    @FXML private void onSimulateSignup() { vm.signup().formShownProperty().set(!vm.signup().formShownProperty().get()); }
    @FXML private void onSignupRun() { vm.signup().simulate(); }
    @FXML private void onShowInFolder() { vm.showInFolder(); }
    @FXML private void onDismissNotice() { vm.dismissNotice(); }

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

    /** Table list entry: the name, a "view" marker, and the estimate in muted text beside it. */
    private static final class TableEntryCell extends ListCell<TableSummary> {
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

    /** A detail field: name and type above the full value, wrapped to the panel's width. */
    private static final class DetailCell extends ListCell<DetailField> {
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
            ((FlowPane) box.getChildren().get(0)).prefWrapLengthProperty().bind(inner);
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
}
