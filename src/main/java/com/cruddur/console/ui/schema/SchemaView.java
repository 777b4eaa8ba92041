package com.cruddur.console.ui.schema;

import com.cruddur.console.core.schema.DatabaseInfo;
import com.cruddur.console.core.schema.SessionInfo;
import com.cruddur.console.ui.common.Fxml;
import com.cruddur.console.ui.common.Visibility;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;

import java.io.File;
import java.util.OptionalInt;
import java.util.function.Function;

/** Code-behind of SchemaView.fxml: bindings to the view model and one-line handlers. */
public final class SchemaView {
    private final SchemaViewModel vm;

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
    @FXML private Button killButton;
    @FXML private Button killAllButton;
    @FXML private TableView<SessionInfo> sessionsTable;

    public SchemaView(SchemaViewModel vm) {
        this.vm = vm;
    }

    /** Loads the FXML with this object as its controller and returns the root node. */
    public Parent load() {
        return Fxml.load(SchemaView.class, "SchemaView.fxml", this);
    }

    @FXML
    private void initialize() {
        Visibility.showWhen(protectedNotice, vm.protectedProperty());
        filesLabel.textProperty().bind(vm.filesProperty());
        errorArea.textProperty().bind(vm.errorProperty());
        Visibility.showWhen(errorArea, vm.errorProperty().isNotEmpty());

        stepList.setItems(vm.steps());
        stepList.setCellFactory(l -> new StyledCell<>(StepRow::text, StepRow::styleClass));
        logArea.setItems(vm.log());
        logArea.setCellFactory(l -> new StyledCell<>(LogLine::text, LogLine::styleClass));
        vm.log().addListener((javafx.collections.ListChangeListener<LogLine>) c -> logArea.scrollTo(vm.log().size() - 1));

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

        for (Button b : new Button[] {resetButton, createButton, dropButton, schemaLoadButton, seedButton, copyPsqlButton,
                projectButton, bundledButton, sessionsButton, killAllButton}) {
            b.disableProperty().bind(vm.runningProperty());
        }
        killButton.disableProperty().bind(vm.runningProperty()
                .or(sessionsTable.getSelectionModel().selectedItemProperty().isNull()));
        cancelButton.disableProperty().bind(vm.runningProperty().not());
        copyLogButton.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.log()));
        root.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                vm.cancel();
            }
        });
        root.getStyleClass().add("view");
        vm.refresh();
    }

    @FXML private void onReset() { vm.reset(); }
    @FXML private void onCreate() { vm.create(); }
    @FXML private void onDrop() { vm.drop(); }
    @FXML private void onSchemaLoad() { vm.schemaLoad(); }
    @FXML private void onSeed() { vm.seed(); }
    @FXML private void onCancel() { vm.cancel(); }
    @FXML private void onSessions() { vm.refreshSessions(); }
    @FXML private void onKillAll() { vm.killSessions(OptionalInt.empty()); }
    @FXML private void onBundled() { vm.setProjectFolder(null); }
    @FXML private void onCopyPsql() { vm.copyPsql(SchemaView::toClipboard); }
    @FXML private void onCopyLog() { toClipboard(vm.logText()); }

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

    /** A list cell showing a text with one style class that follows the item (step state, log kind). */
    private static final class StyledCell<T> extends ListCell<T> {
        private final Function<T, String> text;
        private final Function<T, String> style;
        private String applied;

        StyledCell(Function<T, String> text, Function<T, String> style) {
            this.text = text;
            this.style = style;
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            if (applied != null) {
                getStyleClass().remove(applied);
                applied = null;
            }
            if (empty || item == null) {
                setText(null);
                return;
            }
            setText(text.apply(item));
            applied = style.apply(item);
            getStyleClass().add(applied);
        }
    }
}
