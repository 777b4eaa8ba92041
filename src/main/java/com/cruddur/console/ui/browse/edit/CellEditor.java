package com.cruddur.console.ui.browse.edit;

import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.core.browse.edit.CellInput;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;

import java.util.List;
import java.util.function.BiFunction;

/**
 * The value editor of the editor line, by the column's type: a checkbox for a boolean (its third, undetermined state
 * is NULL when the column is nullable), a list of labels for an enum, several lines for JSON (laid out, checked as
 * typed) and for long or multi-line text, one line otherwise, checked as typed. Whatever the type, a hint under it
 * says what the column takes (the time zone for a timestamptz) or, in red, what is wrong; a wrong value cannot be kept.
 * Enter keeps a one-line value, Ctrl+Enter a multi-line one, Esc leaves the cell as it was. The active control has the
 * id {@code cellEditor}.
 */
final class CellEditor {
    /** Text longer than this opens in the multi-line editor. */
    static final int LONG_TEXT = 80;
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private final TextField line = new TextField();
    private final TextArea area = new TextArea();
    private final CheckBox check = new CheckBox();
    private final ComboBox<String> choice = new ComboBox<>();
    private final StackPane holder = new StackPane();
    private final Label hint = new Label();
    private final BooleanProperty invalid = new SimpleBooleanProperty(false);
    private final BiFunction<String, String, String> problem;
    private Control active;
    private String column;
    private String typeHint = "";
    /** The text as read, and as first shown (JSON laid out): keeping the shown text unchanged keeps the one read. */
    private String original;
    private String opened;

    /**
     * @param problem why a text is not a value of a column (column, text), or null; see {@link EditViewModel#problem}
     * @param keep    runs on Enter (Ctrl+Enter in a multi-line editor)
     * @param cancel  runs on Esc
     */
    CellEditor(BiFunction<String, String, String> problem, Runnable keep, Runnable cancel) {
        this.problem = problem;
        line.getStyleClass().addAll("mono", "cell-editor-value");
        area.getStyleClass().addAll("mono", "cell-editor-value");
        area.setPrefRowCount(4);
        area.setWrapText(true);
        choice.getStyleClass().add("cell-editor-value");
        hint.getStyleClass().add("editor-hint");
        hint.setWrapText(true);
        hint.setMinHeight(Label.USE_PREF_SIZE);
        HBox.setHgrow(holder, Priority.ALWAYS);
        holder.setMaxWidth(Double.MAX_VALUE);
        line.textProperty().addListener((o, was, now) -> check());
        area.textProperty().addListener((o, was, now) -> check());
        choice.valueProperty().addListener((o, was, now) -> check());
        for (Control c : List.of(line, area, check, choice)) {
            c.setMaxWidth(Double.MAX_VALUE);
            c.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                if (e.getCode() == KeyCode.ESCAPE) {
                    cancel.run();
                    e.consume();
                } else if (e.getCode() == KeyCode.ENTER && (c != area || e.isShortcutDown())) {
                    keep.run();
                    e.consume();
                }
            });
        }
    }

    Node node() {
        return holder;
    }

    Label hint() {
        return hint;
    }

    /** True while the value typed is not one the column takes: it cannot be kept. */
    BooleanProperty invalidProperty() {
        return invalid;
    }

    /**
     * Shows the editor for {@code info}'s type with {@code text} (null for NULL), or {@code typed} when the user
     * started by typing a character.
     */
    void show(ColumnInfo info, String text, String typed, List<String> labels, String timeZone) {
        column = info.name();
        original = text;
        typeHint = typeHint(info, timeZone);
        String start = typed != null ? typed : text;
        if (info.udtName().equals("bool")) {
            check.setAllowIndeterminate(info.nullable());
            check.setIndeterminate(start == null && info.nullable());
            check.setSelected(start != null && List.of("t", "true", "yes", "on", "1").contains(start.strip().toLowerCase()));
            check.setText(info.nullable() ? "checked = true, empty = false, dash = NULL" : "checked = true");
            activate(check);
            opened = original;
        } else if (!labels.isEmpty()) {
            choice.getItems().setAll(labels);
            choice.setValue(typed == null ? start : labels.stream()
                    .filter(l -> l.toLowerCase().startsWith(typed.toLowerCase())).findFirst().orElse(null));
            activate(choice);
            opened = original;
        } else {
            boolean json = info.udtName().equals("json") || info.udtName().equals("jsonb");
            String shown = start == null ? "" : json && typed == null ? CellInput.prettyJson(start) : start;
            boolean multi = json || shown.length() > LONG_TEXT || shown.indexOf('\n') >= 0;
            TextInputControl input = multi ? area : line;
            input.setPromptText(text == null ? "NULL (typing sets a value; empty is the empty string)" : "");
            input.setText(shown);
            activate(input);
            input.end();
            opened = typed == null && text != null ? shown : null;
        }
        check();
    }

    /** The value to keep: the text (the one read when what was shown is unchanged), or null for NULL. */
    String value() {
        String v;
        if (active == check) {
            v = check.isIndeterminate() ? null : check.isSelected() ? "true" : "false";
        } else if (active == choice) {
            v = choice.getValue();
        } else {
            v = ((TextInputControl) active).getText();
        }
        return v != null && v.equals(opened) ? original : v;
    }

    void focus() {
        active.requestFocus();
    }

    private void activate(Control control) {
        if (active != null) {
            active.setId(null);
        }
        active = control;
        control.setId("cellEditor");
        holder.getChildren().setAll(control);
    }

    private void check() {
        if (active == null || active == check || active == choice) {
            setProblem(active == choice && choice.getValue() == null ? "choose one of the labels (or Set NULL)" : null);
            return;
        }
        setProblem(problem.apply(column, ((TextInputControl) active).getText()));
    }

    private void setProblem(String why) {
        invalid.set(why != null);
        hint.setText(why != null ? why : typeHint);
        hint.pseudoClassStateChanged(INVALID, why != null);
        if (active != null) {
            active.pseudoClassStateChanged(INVALID, why != null);
        }
    }

    /** What the column takes, in a few words; "" when its type says enough. */
    static String typeHint(ColumnInfo info, String timeZone) {
        String nulls = info.nullable() ? "; Set NULL (Ctrl+Shift+N) for NULL" : "";
        return switch (info.udtName()) {
            case "timestamptz" -> "timestamp with time zone, e.g. 2026-12-07 14:30:00+01; without an offset it is read in "
                    + (timeZone.isBlank() ? "the server's time zone" : timeZone) + nulls;
            case "timestamp" -> "timestamp without time zone, e.g. 2026-12-07 14:30:00" + nulls;
            case "date" -> "date as YYYY-MM-DD" + nulls;
            case "json", "jsonb" -> info.udtName() + ", checked as typed; Ctrl+Enter keeps it" + nulls;
            case "uuid" -> "uuid, 36 characters" + nulls;
            case "int2", "int4", "int8" -> "whole number" + nulls;
            case "numeric", "float4", "float8" -> "number, a dot before the decimals" + nulls;
            default -> info.udtName().startsWith("_")
                    ? "array literal, e.g. {a,b,\"c d\"}" + nulls
                    : "text: empty is the empty string" + nulls;
        };
    }
}
