package com.cruddur.console.ui.query;

import com.cruddur.console.core.query.QueryScript;
import com.cruddur.console.core.query.session.QueryError;
import com.cruddur.console.ui.common.Icons;
import com.cruddur.console.ui.common.Visibility;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;

import java.io.File;
import java.nio.file.Path;

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
        SplitPane main = new SplitPane(work, HistoryPane.build(vm, memory));
        main.setDividerPositions(0.78);
        SplitPane.setResizableWithParent(main.getItems().get(1), false);

        BorderPane root = new BorderPane(main);
        root.setId("queryView");
        root.getStyleClass().addAll("view", "query-view");
        root.setTop(new VBox(new QueryToolbar(vm, memory, this::runAtCaret, () -> editor.getText(), this::explain,
                this::chooseFile).build(), QueryToolbar.roleNotice(vm)));
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
        int[] current = QueryScript.rangeAt(text, editor.getCaretPosition());
        editor.setStyleSpans(0, SqlHighlighter.spans(text, current, vm.errorProperty().get()));
    }

    /** Puts the caret in the editor (the tab was shown). */
    public void focusEditor() {
        Platform.runLater(editor::requestFocus);
    }
}
