package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.ColumnCondition;
import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.core.browse.Exporter;
import com.cruddur.console.core.browse.TableSummary;
import com.cruddur.console.ui.browse.edit.EditPanel;
import com.cruddur.console.ui.common.Fxml;
import com.cruddur.console.ui.common.Visibility;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
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
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.util.ArrayList;

/** Code-behind of BrowseView.fxml: bindings to the view model, grid columns by type, keys and one-line handlers. */
public final class BrowseView {
    private static final KeyCombination CTRL_F = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    static final KeyCombination CTRL_C = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private final BrowseViewModel vm;
    private final StackPane placeholder = new StackPane();
    private BrowseGridColumns columns;
    private BrowseEmptyState emptyState;

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
    @FXML private VBox editArea;
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
        columns = new BrowseGridColumns(vm, grid, pageLabel);
        emptyState = new BrowseEmptyState(vm, placeholder);
        bindTableList();
        new FilterBar(vm, quickFilter, whereField, conditionBar, conditionEditor, conditionColumn, conditionOp,
                conditionValue).bindFilter(vm.filter());

        autoRefreshItem.selectedProperty().bindBidirectional(vm.autoRefreshProperty());
        utcItem.selectedProperty().bindBidirectional(g.utcProperty());
        compactUuidsItem.selectedProperty().bindBidirectional(g.compactUuidsProperty());
        g.displayProperty().addListener((o, was, now) -> grid.refresh());
        g.compactUuidsProperty().addListener((o, was, now) -> {
            columns.fitColumns(g.rows().stream().map(GridRow::values).toList());
            grid.refresh();
        });
        bindText(readOnlyNotice, g.readOnlyNoticeProperty());
        bindText(errorLine, g.errorProperty());
        cancelButton.disableProperty().bind(g.loadingProperty().not().and(g.countingProperty().not())
                .and(vm.export().runningProperty().not()));

        bindGrid(g);
        new RowDetailPane(vm, gridSplit, rowDetail, detailList, openUserButton, openActivitiesButton, noticeBox,
                this::copyValue).bindDetail();
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

    private void bindGrid(GridViewModel g) {
        grid.setItems(g.rows());
        // One row height for all rows: the grid then lays out only the visible rows, without measuring each.
        grid.setFixedCellSize(24);
        grid.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        grid.setPlaceholder(placeholder);
        placeholder.getStyleClass().add("browse-empty");
        vm.emptyStateProperty().addListener((o, was, now) -> emptyState.showEmptyState(now));
        vm.tables().cruddurTables().addListener((ListChangeListener<TableSummary>) c -> emptyState.showEmptyState(vm.emptyStateProperty().get()));
        emptyState.showEmptyState(vm.emptyStateProperty().get());
        g.columns().addListener((ListChangeListener<ColumnInfo>) c -> columns.buildColumns());
        // a new table's widths are set from its first page before its rows reach the grid: one layout, not two
        g.pageProperty().addListener((o, was, page) -> {
            if (page != null && columns.takeFitPending()) {
                columns.fitColumns(page.rows());
            }
        });
        g.rows().addListener((ListChangeListener<GridRow>) c -> columns.fitRowNumbers());
        g.sortProperty().addListener((o, was, now) -> columns.markSortedHeaders(now));
        grid.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && vm.detail().visibleProperty().get()) {
                vm.showDetail(now);
            }
        });
        GridEditing editing = new GridEditing(grid, vm.edit(), g.rows());
        Runnable showDetail = () -> vm.showDetail(grid.getSelectionModel().getSelectedItem());
        EditPanel panel = new EditPanel(vm.edit(), editing::target, editing::selectedRows, vm::refresh, showDetail);
        editArea.getChildren().add(panel.node());
        editing.install(panel, showDetail);
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

    static void bindText(Label label, javafx.beans.value.ObservableStringValue text) {
        label.textProperty().bind(text);
        Visibility.showWhen(label, Bindings.createBooleanBinding(() -> !text.get().isEmpty(), text));
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
}
