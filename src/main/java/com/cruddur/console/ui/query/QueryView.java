package com.cruddur.console.ui.query;

import com.cruddur.console.core.query.history.HistoryEntry;
import com.cruddur.console.core.query.session.QueryError;
import com.cruddur.console.core.query.session.QuerySession.TransactionStatus;
import com.cruddur.console.ui.common.Icons;
import com.cruddur.console.ui.common.Visibility;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.kordamp.ikonli.feather.Feather;

import java.io.File;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The Query tab, built in code: a SQL editor (RichTextFX CodeArea, highlighted by the project's tokenizer, the
 * statement under the caret marked), a toolbar, the results (one tab per result set, and Messages), and the history.
 * Every action delegates to {@link QueryViewModel} / {@link QueryMemory}.
 */
public final class QueryView {
    private static final KeyCombination RUN = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination RUN_SCRIPT = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    private static final KeyCombination COMPLETE = new KeyCodeCombination(KeyCode.SPACE, KeyCombination.SHORTCUT_DOWN);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final QueryViewModel vm;
    private final QueryAssistViewModel assist;
    private final QueryMemory memory;
    private final Tab planTab = new Tab("Plan");
    private final javafx.scene.control.ContextMenu completions = new javafx.scene.control.ContextMenu();
    private final CodeArea editor = new CodeArea();
    private final TabPane resultTabs = new TabPane();
    private final Tab messagesTab = new Tab("Messages");
    private final TextArea messages = new TextArea();
    private boolean pushing;

    public QueryView(QueryViewModel vm, QueryAssistViewModel assist) {
        this.vm = vm;
        this.assist = assist;
        this.memory = vm.memory();
        vm.onStatementRan(assist::statementRan);
    }

    public Node load() {
        editor.setId("sqlEditor");
        editor.getStyleClass().add("query-editor");
        editor.setParagraphGraphicFactory(LineNumberFactory.get(editor));
        editor.replaceText(memory.textProperty().get());
        editor.textProperty().addListener((o, was, now) -> {
            if (!pushing) {
                pushing = true;
                memory.textProperty().set(now);
                pushing = false;
            }
            restyle();
        });
        memory.textProperty().addListener((o, was, now) -> {
            if (!pushing && !now.equals(editor.getText())) {
                pushing = true;
                editor.replaceText(now);
                pushing = false;
            }
        });
        editor.caretPositionProperty().addListener((o, was, now) -> restyle());
        vm.errorProperty().addListener((o, was, error) -> {
            restyle();
            if (error != null && error.offset() <= editor.getLength()) {
                editor.moveTo(error.offset());
                editor.requestFollowCaret();
            }
        });
        VirtualizedScrollPane<CodeArea> editorPane = new VirtualizedScrollPane<>(editor);

        Label error = new Label();
        error.setId("queryError");
        error.getStyleClass().add("query-error");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(Bindings.createStringBinding(() -> {
            QueryError e = vm.errorProperty().get();
            return e == null ? "" : e.describe();
        }, vm.errorProperty()));
        Visibility.showWhen(error, vm.errorProperty().isNotNull());
        VBox editorBox = new VBox(editorPane, error);
        VBox.setVgrow(editorPane, Priority.ALWAYS);

        resultTabs.setId("resultTabs");
        messages.setId("messages");
        messages.setEditable(false);
        messages.setWrapText(true);
        messages.getStyleClass().add("query-messages");
        messagesTab.setId("messagesTab");
        messagesTab.setClosable(false);
        messagesTab.setContent(messages);
        resultTabs.getTabs().add(messagesTab);
        vm.messages().addListener((ListChangeListener<String>) c -> {
            messages.setText(String.join("\n", vm.messages()));
            messages.positionCaret(messages.getLength());
        });
        vm.results().addListener((ListChangeListener<QueryResult>) c -> showResults());
        vm.selectedResultProperty().addListener((o, was, r) -> resultTabs.getTabs().stream()
                .filter(t -> t.getUserData() == r).findFirst()
                .ifPresent(t -> resultTabs.getSelectionModel().select(t)));
        vm.runningProperty().addListener((o, was, running) -> {
            if (!running && vm.results().isEmpty()) {
                resultTabs.getSelectionModel().select(messagesTab);
            }
        });

        planTab.setId("planTab");
        planTab.setClosable(false);
        assist.planProperty().addListener((o, was, plan) -> {
            resultTabs.getTabs().remove(planTab);
            if (plan != null) {
                planTab.setContent(new PlanPane(plan));
                resultTabs.getTabs().add(planTab);
                resultTabs.getSelectionModel().select(planTab);
            }
        });
        assist.planErrorProperty().addListener((o, was, why) -> {
            if (why != null) {
                messages.setText(why);
                resultTabs.getTabs().remove(planTab);
                resultTabs.getSelectionModel().select(messagesTab);
            }
        });
        completions.setId("completionPopup");
        editor.addEventHandler(KeyEvent.KEY_TYPED, e -> {
            if (".".equals(e.getCharacter())) {
                Platform.runLater(this::complete);
            }
        });
        editor.focusedProperty().addListener((o, was, focused) -> {
            if (focused) {
                assist.loadCatalog();
            }
        });

        SplitPane work = new SplitPane(editorBox, resultTabs);
        work.setOrientation(Orientation.VERTICAL);
        work.setDividerPositions(0.45);
        SplitPane main = new SplitPane(work, historyPane());
        main.setDividerPositions(0.78);
        SplitPane.setResizableWithParent(main.getItems().get(1), false);

        BorderPane root = new BorderPane(main);
        root.setId("queryView");
        root.getStyleClass().addAll("view", "query-view");
        root.setTop(new VBox(toolbar(), roleNotice()));
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
        restyle();
        return root;
    }

    private void keys(KeyEvent e) {
        if (RUN_SCRIPT.match(e)) {
            vm.runScript(editor.getText());
            e.consume();
        } else if (RUN.match(e)) {
            runAtCaret();
            e.consume();
        } else if (COMPLETE.match(e)) {
            complete();
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE && vm.runningProperty().get()) {
            vm.cancel();
            e.consume();
        }
    }

    /** Shows the candidates at the caret in a popup; choosing one replaces the word begun. */
    private void complete() {
        String text = editor.getText();
        int caret = editor.getCaretPosition();
        var found = assist.complete(text, caret);
        completions.getItems().clear();
        for (var c : found.subList(0, Math.min(found.size(), 40))) {
            MenuItem item = new MenuItem(c.insertText() + (c.detail() == null || c.detail().isEmpty() ? ""
                    : "  — " + c.detail()));
            item.getStyleClass().add("completion-" + c.kind().name().toLowerCase(java.util.Locale.ROOT));
            item.setOnAction(a -> {
                editor.replaceText(c.replaceFrom(), caret, c.insertText());
                editor.requestFocus();
            });
            completions.getItems().add(item);
        }
        if (completions.getItems().isEmpty()) {
            completions.hide();
            return;
        }
        editor.getCaretBounds().ifPresent(b -> completions.show(editor, b.getMinX(), b.getMaxY()));
    }

    private void explain(boolean analyze) {
        var sel = editor.getSelection();
        assist.explain(editor.getText(), editor.getCaretPosition(), sel.getStart(), sel.getEnd(), analyze);
    }

    private void runAtCaret() {
        var sel = editor.getSelection();
        vm.runAtCaret(editor.getText(), editor.getCaretPosition(), sel.getStart(), sel.getEnd());
    }

    private Node toolbar() {
        Button run = Icons.withIcon(new Button("Run"), Feather.PLAY);
        run.setId("runButton");
        run.setTooltip(Icons.tooltip("Run the statement under the caret, or the selection (Ctrl+Enter)"));
        run.setOnAction(e -> runAtCaret());
        Button script = Icons.withIcon(new Button("Run script"), Feather.FAST_FORWARD);
        script.setId("runScriptButton");
        script.setTooltip(Icons.tooltip("Run every statement, stopping at the first error (Ctrl+Shift+Enter)"));
        script.setOnAction(e -> vm.runScript(editor.getText()));
        run.disableProperty().bind(vm.runningProperty());
        script.disableProperty().bind(vm.runningProperty());
        Button cancel = Icons.withIcon(new Button("Cancel"), Feather.X_OCTAGON);
        cancel.setId("cancelQueryButton");
        cancel.setTooltip(Icons.tooltip("Stop the running statement on the server (Esc)"));
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());

        MenuButton explain = Icons.withIcon(new MenuButton("Explain"), Feather.GIT_MERGE);
        explain.setId("explainButton");
        MenuItem plan = new MenuItem("EXPLAIN (plan only)");
        plan.setId("explainItem");
        plan.setOnAction(e -> explain(false));
        MenuItem analyzed = new MenuItem("EXPLAIN ANALYZE (runs it; a write is rolled back)");
        analyzed.setId("explainAnalyzeItem");
        analyzed.setOnAction(e -> explain(true));
        explain.getItems().addAll(plan, analyzed);
        explain.disableProperty().bind(vm.runningProperty());

        ToggleButton txMode = new ToggleButton("Transaction");
        txMode.setId("transactionToggle");
        txMode.setTooltip(Icons.tooltip("Statements wait for Commit or Rollback (dev profiles; protected profiles are"
                + " read-only)"));
        txMode.selectedProperty().addListener((o, was, on) -> {
            if (on != vm.transactionModeProperty().get()) {
                vm.setTransactionMode(on);
            }
        });
        vm.transactionModeProperty().addListener((o, was, on) -> txMode.setSelected(on));
        txMode.disableProperty().bind(vm.protectedProperty().or(vm.runningProperty()));
        Button commit = new Button("Commit");
        commit.setId("commitButton");
        commit.setOnAction(e -> vm.commit());
        Button rollback = new Button("Rollback");
        rollback.setId("rollbackButton");
        rollback.setOnAction(e -> vm.rollback());
        var noTx = vm.transactionProperty().isEqualTo(TransactionStatus.NONE).or(vm.runningProperty());
        commit.disableProperty().bind(noTx);
        rollback.disableProperty().bind(noTx);
        Label txState = new Label();
        txState.setId("transactionState");
        txState.getStyleClass().add("transaction-state");
        txState.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.transactionProperty().get()) {
            case OPEN -> "transaction open";
            case FAILED -> "transaction failed — roll back";
            case NONE -> vm.protectedProperty().get() ? protectedState()
                    : vm.transactionModeProperty().get() ? "no transaction yet" : "autocommit";
        }, vm.transactionProperty(), vm.protectedProperty(), vm.readOnlyProperty(), vm.transactionModeProperty(),
                vm.loginProperty()));
        vm.transactionProperty().addListener((o, was, now) -> {
            txState.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("open"), now != TransactionStatus.NONE);
        });
        txState.setMinWidth(Region.USE_PREF_SIZE);

        Button open = Icons.button(Feather.FOLDER, "Open a .sql file");
        open.setId("openSqlButton");
        open.setOnAction(e -> chooseFile(false));
        Button save = Icons.button(Feather.SAVE, "Save the editor's text as a .sql file");
        save.setId("saveSqlButton");
        save.setOnAction(e -> chooseFile(true));
        MenuButton recent = new MenuButton("Recent");
        recent.setId("recentFilesButton");
        memory.recentFiles().addListener((ListChangeListener<Path>) c -> recent.getItems().setAll(
                memory.recentFiles().stream().map(p -> {
                    MenuItem item = new MenuItem(p.toString());
                    item.setOnAction(e -> memory.open(p));
                    return item;
                }).toList()));
        recent.disableProperty().bind(Bindings.isEmpty(memory.recentFiles()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(6, run, script, cancel, explain, new Separator(Orientation.VERTICAL), txMode, commit, rollback,
                txState, spacer, open, save, recent);
        for (Node n : bar.getChildren()) {
            if (n instanceof Region r && n != spacer && n != txState) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 10, 6, 10));
        bar.getStyleClass().add("query-toolbar");
        return bar;
    }

    /** The calm offer of a read-only role (a protected profile whose login the server says can write). */
    private Node roleNotice() {
        Label text = new Label();
        text.setId("roleNotice");
        text.getStyleClass().add("notice-text");
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        text.textProperty().bind(vm.roleNoticeProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        Button make = new Button("Make a read-only role…");
        make.setId("makeRoleButton");
        make.setMinWidth(Region.USE_PREF_SIZE);
        make.setOnAction(e -> vm.makeReadOnlyRole());
        make.disableProperty().bind(vm.runningProperty());
        Button dismiss = new Button("Dismiss");
        dismiss.setId("dismissRoleNoticeButton");
        dismiss.setMinWidth(Region.USE_PREF_SIZE);
        dismiss.setTooltip(Icons.tooltip("Do not offer it again for this profile"));
        dismiss.setOnAction(e -> vm.dismissRoleNotice());
        HBox bar = new HBox(8, text, make, dismiss);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("role-notice");
        Visibility.showWhen(bar, vm.roleNoticeProperty().isNotNull());
        return bar;
    }

    private String protectedState() {
        var login = vm.loginProperty().get();
        if (login != null && login.cannotWrite()) {
            return "read-only role " + login.sessionUser();
        }
        return vm.readOnlyProperty().get() ? "read-only" : "protected: a change asks for the name";
    }

    private Node historyPane() {
        TextField search = new TextField();
        search.setId("historySearch");
        search.setPromptText("Search history");
        search.textProperty().bindBidirectional(memory.searchProperty());
        ListView<HistoryEntry> list = new ListView<>(memory.history());
        list.setId("historyList");
        list.getStyleClass().add("history-list");
        list.setPlaceholder(new Label("Statements you run appear here"));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(HistoryEntry h, boolean empty) {
                super.updateItem(h, empty);
                if (empty || h == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                // one line per entry (list cells have one height); when, time and rows are in the tooltip
                setText(Messages.abbreviate(h.text()));
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("failed"), !h.ok());
                setTooltip(Icons.tooltip(h.text() + "\n\n" + WHEN.format(h.at()) + " · " + h.millis() + " ms · "
                        + (h.ok() ? QueryResult.count(h.rows()) + (h.rows() == 1 ? " row" : " rows")
                        : "failed: " + h.error())));
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                vm.rerun(list.getSelectionModel().getSelectedItem());
            }
        });
        Button rerun = new Button("Run again");
        rerun.setId("rerunButton");
        rerun.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull().or(vm.runningProperty()));
        rerun.setOnAction(e -> vm.rerun(list.getSelectionModel().getSelectedItem()));
        Label title = new Label("History");
        title.getStyleClass().add("title-4");
        VBox box = new VBox(6, title, search, list, rerun);
        VBox.setVgrow(list, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        box.setMinWidth(160);
        box.getStyleClass().add("history-pane");
        return box;
    }

    private void chooseFile(boolean save) {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("SQL files", "*.sql"));
        Path current = memory.fileProperty().get();
        if (current != null && current.getParent() != null) {
            chooser.setInitialDirectory(current.getParent().toFile());
            chooser.setInitialFileName(current.getFileName().toString());
        }
        File f = save ? chooser.showSaveDialog(editor.getScene().getWindow())
                : chooser.showOpenDialog(editor.getScene().getWindow());
        if (f != null) {
            if (save) {
                memory.save(f.toPath());
            } else {
                memory.open(f.toPath());
            }
        }
    }

    private void showResults() {
        resultTabs.getTabs().removeIf(t -> t != messagesTab && !vm.results().contains((QueryResult) t.getUserData()));
        int i = 0;
        for (QueryResult r : vm.results()) {
            boolean shown = resultTabs.getTabs().stream().anyMatch(t -> t.getUserData() == r);
            if (!shown) {
                Tab t = new Tab(r.title(), new ResultPane(r, vm));
                t.setId("result" + (i + 1));
                t.setUserData(r);
                t.setClosable(false);
                t.setTooltip(Icons.tooltip(r.statement()));
                resultTabs.getTabs().add(i, t);
            }
            i++;
        }
    }

    private void restyle() {
        String text = editor.getText();
        int[] current = QueryViewModel.statementAt(text, editor.getCaretPosition());
        editor.setStyleSpans(0, SqlHighlighter.spans(text, current, vm.errorProperty().get()));
    }

    /** Puts the caret in the editor (the tab was shown). */
    public void focusEditor() {
        Platform.runLater(editor::requestFocus);
    }
}
