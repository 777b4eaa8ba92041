package com.cruddur.console.ui.query;

import com.cruddur.console.core.query.session.QuerySession.TransactionStatus;
import com.cruddur.console.ui.common.Icons;
import com.cruddur.console.ui.common.Visibility;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Query tab's toolbar (run, cancel, explain, the transaction mode and its state, .sql files) and the notice that
 * offers a read-only role; every action delegates to {@link QueryViewModel}, {@link QueryMemory} or the view.
 */
final class QueryToolbar {
    private final QueryViewModel vm;
    private final QueryMemory memory;
    private final Runnable runAtCaret;
    private final Supplier<String> text;
    private final Consumer<Boolean> explain;
    private final Consumer<Boolean> chooseFile;

    /**
     * @param explain    true: EXPLAIN ANALYZE
     * @param chooseFile true: save, false: open
     */
    QueryToolbar(QueryViewModel vm, QueryMemory memory, Runnable runAtCaret, Supplier<String> text,
                 Consumer<Boolean> explain, Consumer<Boolean> chooseFile) {
        this.vm = vm;
        this.memory = memory;
        this.runAtCaret = runAtCaret;
        this.text = text;
        this.explain = explain;
        this.chooseFile = chooseFile;
    }

    Node build() {
        Button run = Icons.withIcon(new Button("Run"), Feather.PLAY);
        run.setId("runButton");
        run.setTooltip(Icons.tooltip("Run the statement under the caret, or the selection (Ctrl+Enter)"));
        run.setOnAction(e -> runAtCaret.run());
        Button script = Icons.withIcon(new Button("Run script"), Feather.FAST_FORWARD);
        script.setId("runScriptButton");
        script.setTooltip(Icons.tooltip("Run every statement, stopping at the first error (Ctrl+Shift+Enter)"));
        script.setOnAction(e -> vm.runScript(text.get()));
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
        plan.setOnAction(e -> this.explain.accept(false));
        MenuItem analyzed = new MenuItem("EXPLAIN ANALYZE (runs it; a write is rolled back)");
        analyzed.setId("explainAnalyzeItem");
        analyzed.setOnAction(e -> this.explain.accept(true));
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
        open.setOnAction(e -> chooseFile.accept(false));
        Button save = Icons.button(Feather.SAVE, "Save the editor's text as a .sql file");
        save.setId("saveSqlButton");
        save.setOnAction(e -> chooseFile.accept(true));
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
    static Node roleNotice(QueryViewModel vm) {
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
}
