package com.cruddur.console.ui.schema;

import com.cruddur.console.core.schema.admin.DatabaseInfo;
import com.cruddur.console.core.schema.admin.SessionInfo;
import com.cruddur.console.ui.common.Fxml;
import com.cruddur.console.ui.common.Icons;
import com.cruddur.console.ui.common.Visibility;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Cell;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.stage.DirectoryChooser;
import org.kordamp.ikonli.feather.Feather;

import java.io.File;
import java.util.OptionalInt;
import java.util.function.Function;

/** Code-behind of SchemaView.fxml: bindings to the view model and one-line handlers. */
public final class SchemaView {
    /** Widest a fitted column gets from its content (a long query or path stays reachable by widening it). */
    private static final double MAX_FITTED_WIDTH = 320;

    private final SchemaViewModel vm;
    private final MigrationsViewModel migrations;
    private boolean scrollPending;

    @FXML private BorderPane root;
    @FXML private Label protectedNotice;
    @FXML private Label filesLabel;
    @FXML private Button projectButton;
    @FXML private Button bundledButton;
    @FXML private Button resetButton;
    @FXML private Button createButton;
    @FXML private Button dropButton;
    @FXML private Button schemaLoadButton;
    @FXML private Button seedButton;
    @FXML private Button copyPsqlButton;
    @FXML private Button cancelButton;
    @FXML private ListView<StepRow> stepList;
    @FXML private TableView<DatabaseInfo> databaseTable;
    @FXML private Button copyLogButton;
    @FXML private ListView<LogLine> logArea;
    @FXML private TextArea errorArea;
    @FXML private Button sessionsButton;
    @FXML private Button databasesButton;
    @FXML private CheckBox showInternalBox;
    @FXML private Button killButton;
    @FXML private Button killAllButton;
    @FXML private TableView<SessionInfo> sessionsTable;
    @FXML private Tab sessionsSection;
    @FXML private Button migrateButton;
    @FXML private Button rollbackButton;
    @FXML private Button migrationsRefreshButton;
    @FXML private Button checkCompanionButton;
    @FXML private Label migrationsSummary;
    @FXML private TableView<MigrationRow> migrationTable;
    @FXML private TextArea migrationSql;

    public SchemaView(SchemaViewModel vm) {
        this.vm = vm;
        this.migrations = vm.migrations();
    }

    /** Loads the FXML with this object as its controller and returns the root node. */
    public Parent load() {
        return Fxml.load(SchemaView.class, "SchemaView.fxml", this);
    }

    @FXML
    private void initialize() {
        Visibility.showWhen(protectedNotice, vm.protectedProperty());
        // the reason Project folder… is off, next to it (a disabled button shows no tooltip)
        filesLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.projectFolderBlockedProperty().get()
                .isEmpty() ? vm.filesProperty().get() : vm.filesProperty().get() + "\n"
                + vm.projectFolderBlockedProperty().get(), vm.filesProperty(), vm.projectFolderBlockedProperty()));
        errorArea.textProperty().bind(vm.errorProperty());
        Visibility.showWhen(errorArea, vm.errorProperty().isNotEmpty());

        stepList.setItems(vm.steps());
        stepList.setCellFactory(l -> new StyledCell<>(l, StepRow::text, StepRow::styleClass));
        logArea.setItems(vm.log());
        logArea.setCellFactory(l -> new StyledCell<>(l, LogLine::text, LogLine::styleClass));
        vm.log().addListener((ListChangeListener<LogLine>) c -> followLog());
        logArea.heightProperty().addListener((o, was, now) -> followLog()); // the error area opened or closed

        databaseTable.setItems(vm.databases());
        databaseTable.getColumns().setAll(java.util.List.of(
                column("Name", DatabaseInfo::name), column("Owner", DatabaseInfo::owner),
                column("Encoding", DatabaseInfo::encoding), column("Collate", DatabaseInfo::collate),
                column("Size", DatabaseInfo::sizePretty)));
        sessionsTable.setItems(vm.sessions());
        sessionsTable.getColumns().setAll(java.util.List.of(
                column("PID", s -> s.ours() ? s.pid() + " (ours)" : Integer.toString(s.pid())),
                column("User", SessionInfo::user), column("Application", SessionInfo::application),
                column("Client", SessionInfo::clientAddress), column("State", SessionInfo::state),
                column("Since", s -> s.since() == null ? "" : s.since().withNano(0).toLocalDateTime().toString()),
                column("Query", SessionInfo::query)));
        vm.sessions().addListener((ListChangeListener<SessionInfo>) c -> fitColumns(sessionsTable));
        placeholder(databaseTable, vm.databasesStateProperty());
        placeholder(sessionsTable, vm.sessionsStateProperty());
        vm.databases().addListener((ListChangeListener<DatabaseInfo>) c -> fitColumns(databaseTable));
        sessionsSection.selectedProperty().addListener((o, was, selected) -> {
            if (selected) {
                vm.refreshSessions();
            }
        });
        Icons.iconOnly(sessionsButton, Feather.REFRESH_CW, "Refresh sessions");
        Icons.iconOnly(databasesButton, Feather.REFRESH_CW, "Read the databases, sessions and migrations again (F5)");
        showInternalBox.selectedProperty().bindBidirectional(vm.showInternalProperty());
        showInternalBox.setTooltip(new Tooltip("Also list the template and spare copies the console keeps for a fast"
                + " Reset"));
        initMigrations();

        for (Button b : new Button[] {resetButton, createButton, dropButton, schemaLoadButton, seedButton, copyPsqlButton,
                sessionsButton, killAllButton}) {
            b.disableProperty().bind(vm.runningProperty());
        }
        projectButton.disableProperty().bind(vm.runningProperty().or(vm.projectFolderBlockedProperty().isNotEmpty()));
        bundledButton.disableProperty().bind(vm.runningProperty().or(vm.bundledInEffectProperty()));
        killButton.disableProperty().bind(vm.runningProperty()
                .or(sessionsTable.getSelectionModel().selectedItemProperty().isNull()));
        cancelButton.disableProperty().bind(vm.runningProperty().not());
        copyLogButton.disableProperty().bind(Bindings.isEmpty(vm.log()));
        root.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                vm.cancel();
            } else if (e.getCode() == KeyCode.F5) {
                vm.retry();
            }
        });
        root.getStyleClass().add("view");
    }

    private void initMigrations() {
        migrationTable.setItems(migrations.rows());
        TableColumn<MigrationRow, String> name = column("Migration", MigrationRow::name);
        name.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null ? null : new Tooltip(item)); // a cut name is read in full here
            }
        });
        TableColumn<MigrationRow, MigrationRow.Cell> dev = stateColumn(MigrationRow::dev);
        TableColumn<MigrationRow, MigrationRow.Cell> prod = stateColumn(MigrationRow::prod);
        dev.textProperty().bind(migrations.devTitleProperty());
        prod.textProperty().bind(migrations.prodTitleProperty());
        migrationTable.getColumns().setAll(java.util.List.of(name, dev, prod));
        migrationTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        migrationTable.setPlaceholder(new Label("No migrations"));
        migrations.rows().addListener((ListChangeListener<MigrationRow>) c -> {
            fitStateColumn(dev);
            fitStateColumn(prod);
        });
        migrationTable.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> migrations.select(row));
        migrationSql.textProperty().bind(migrations.sqlProperty());
        migrationsSummary.textProperty().bind(migrations.summaryProperty());
        Visibility.showWhen(migrationsSummary, migrations.summaryProperty().isNotEmpty());
        Icons.withIcon(migrateButton, Feather.ARROW_UP_CIRCLE);
        Icons.withIcon(rollbackButton, Feather.CORNER_UP_LEFT);
        Icons.iconOnly(migrationsRefreshButton, Feather.REFRESH_CW, "Read the migrations' status again");
        var cannotRun = vm.runningProperty().or(migrations.projectProperty().not());
        migrateButton.disableProperty().bind(cannotRun.or(migrations.nothingPendingProperty()));
        rollbackButton.disableProperty().bind(cannotRun);
        migrationsRefreshButton.disableProperty().bind(migrations.loadingProperty());
        // the other profile of the project asks for its password: asked only when the user wants its status
        Icons.withIcon(checkCompanionButton, Feather.KEY);
        checkCompanionButton.textProperty().bind(Bindings.concat("Check ", migrations.askingProperty(), "…"));
        Visibility.showWhen(checkCompanionButton, migrations.askingProperty().isNotEmpty());
        checkCompanionButton.disableProperty().bind(migrations.loadingProperty());
        checkCompanionButton.setTooltip(new Tooltip("Enter this profile's password and read its migrations (read"
                + " only); it is kept until the console quits"));
        migrateButton.setTooltip(new Tooltip("Apply every pending migration to the active profile's database"));
        rollbackButton.setTooltip(new Tooltip("Run the down section of the newest applied migration on the active"
                + " profile's database"));
    }

    /** The table's placeholder says the list's state (loading, empty, failed) in words of ours. */
    private static void placeholder(TableView<?> table, javafx.beans.value.ObservableValue<String> state) {
        Label text = new Label();
        text.setWrapText(true);
        text.getStyleClass().add("table-state");
        text.textProperty().bind(state);
        table.setPlaceholder(text);
    }

    /** Keeps the log's last line in view; after the list's skin has counted the new lines, once per pulse. */
    private void followLog() {
        if (scrollPending) {
            return;
        }
        scrollPending = true;
        Platform.runLater(() -> {
            scrollPending = false;
            if (!vm.log().isEmpty()) {
                logArea.scrollTo(vm.log().size() - 1);
            }
        });
    }

    @FXML private void onReset() { vm.reset(); }
    @FXML private void onCreate() { vm.create(); }
    @FXML private void onDrop() { vm.drop(); }
    @FXML private void onSchemaLoad() { vm.schemaLoad(); }
    @FXML private void onSeed() { vm.seed(); }
    @FXML private void onCancel() { vm.cancel(); }
    @FXML private void onSessions() { vm.retrySessions(); }
    @FXML private void onDatabases() { vm.retry(); }
    @FXML private void onKillAll() { vm.killSessions(OptionalInt.empty()); }
    @FXML private void onBundled() { vm.setProjectFolder(null); }
    @FXML private void onCopyPsql() { vm.copyPsql(SchemaView::toClipboard); }
    @FXML private void onCopyLog() { toClipboard(vm.logText()); }
    @FXML private void onMigrate() { migrations.migrate(); }
    @FXML private void onRollback() { migrations.rollbackLast(); }
    @FXML private void onMigrationsRefresh() { vm.retryMigrations(); }
    @FXML private void onCheckCompanion() { migrations.checkCompanion(); }

    @FXML
    private void onKill() {
        SessionInfo s = sessionsTable.getSelectionModel().getSelectedItem();
        if (s != null) {
            vm.killSessions(OptionalInt.of(s.pid()));
        }
    }

    @FXML
    private void onProject() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Project folder with db/schema.sql and db/seed.sql (e.g. backend-flask)");
        File dir = chooser.showDialog(root.getScene().getWindow());
        if (dir != null) {
            vm.setProjectFolder(dir.toPath());
        }
    }

    private static void toClipboard(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    private static <S> TableColumn<S, String> column(String title, Function<S, String> value) {
        TableColumn<S, String> col = new TableColumn<>(title);
        col.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        return col;
    }

    /** A side's state column: the state in its colour, the whole story in the tooltip. */
    private static TableColumn<MigrationRow, MigrationRow.Cell> stateColumn(Function<MigrationRow, MigrationRow.Cell> side) {
        TableColumn<MigrationRow, MigrationRow.Cell> col = new TableColumn<>();
        col.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(side.apply(cd.getValue())));
        col.setCellFactory(c -> new StateCell());
        return col;
    }

    private static final class StateCell extends TableCell<MigrationRow, MigrationRow.Cell> {
        private String applied;

        @Override
        protected void updateItem(MigrationRow.Cell item, boolean empty) {
            super.updateItem(item, empty);
            boolean none = empty || item == null;
            applied = restyle(this, applied, none ? null : item.styleClass());
            setText(none ? null : item.text());
            setTooltip(none || item.detail().isEmpty() ? null : new Tooltip(item.detail()));
        }
    }

    /** A state column as wide as its title and its widest state; the file column takes the rest. */
    private static void fitStateColumn(TableColumn<MigrationRow, MigrationRow.Cell> col) {
        double w = headerWidth(col.getText());
        for (MigrationRow r : col.getTableView().getItems()) {
            MigrationRow.Cell c = col.getCellObservableValue(r).getValue();
            w = Math.max(w, textWidth(c == null ? "" : c.text(), FontWeight.NORMAL) + 20);
        }
        col.setMinWidth(headerWidth(col.getText()));
        col.setPrefWidth(Math.min(w, MAX_FITTED_WIDTH));
        col.setMaxWidth(col.getPrefWidth()); // the table's spare width goes to the file column
    }

    /**
     * Sizes every column to its title and its values (capped), so no title is cut and short values do not sit in
     * wide columns; a table wider than its place scrolls.
     */
    private static <S> void fitColumns(TableView<S> table) {
        for (TableColumn<S, ?> col : table.getColumns()) {
            double w = headerWidth(col.getText());
            for (int i = 0; i < table.getItems().size(); i++) {
                Object v = col.getCellData(i);
                w = Math.max(w, textWidth(v == null ? "" : v.toString(), FontWeight.NORMAL) + 20);
            }
            col.setPrefWidth(Math.min(w, Math.max(MAX_FITTED_WIDTH, headerWidth(col.getText()))));
        }
    }

    /** A column title's width with the header's padding and room for the sort arrow. */
    private static double headerWidth(String title) {
        return textWidth(title == null ? "" : title, FontWeight.BOLD) + 36;
    }

    private static double textWidth(String s, FontWeight weight) {
        Text t = new Text(s);
        t.setFont(Font.font(Font.getDefault().getFamily(), weight, 13));
        return Math.ceil(t.getLayoutBounds().getWidth());
    }

    /**
     * A list cell showing a text with one style class that follows the item (step state, log kind). The text wraps
     * at the list's width: it is a Text node whose wrapping width follows the list, so the cell is as tall as its
     * lines (a wrapped label was measured before its style's font and width were known, and cut its line with "...").
     */
    private static final class StyledCell<T> extends ListCell<T> {
        /** The list's borders, the cell's padding and a vertical scroll bar. */
        private static final double MARGIN = 30;
        private final Function<T, String> text;
        private final Function<T, String> style;
        private final Text line = new Text();
        private String applied;

        StyledCell(ListView<T> list, Function<T, String> text, Function<T, String> style) {
            this.text = text;
            this.style = style;
            line.wrappingWidthProperty().bind(Bindings.max(20, list.widthProperty().subtract(MARGIN)));
            line.fontProperty().bind(fontProperty());
            line.fillProperty().bind(textFillProperty());
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            boolean none = empty || item == null;
            applied = restyle(this, applied, none ? null : style.apply(item));
            line.setText(none ? "" : text.apply(item));
            setText(null);
            setGraphic(none ? null : line);
        }
    }

    /** Replaces the style class a reused cell had for its last item ({@code applied}) with {@code next}'s. */
    private static String restyle(Cell<?> cell, String applied, String next) {
        if (applied != null) {
            cell.getStyleClass().remove(applied);
        }
        if (next != null) {
            cell.getStyleClass().add(next);
        }
        return next;
    }
}
