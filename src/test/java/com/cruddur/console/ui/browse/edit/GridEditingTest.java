package com.cruddur.console.ui.browse.edit;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.core.profile.Environment;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.util.List;

import static com.cruddur.console.testsupport.TestPostgres.exec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Editing in the Browse grid as a person does it, headless over the embedded PostgreSQL: every change is read back
 * from the server with JDBC; production refuses every way in, saying why.
 *
 * <p>One window serves the whole class (building it was a good part of each test's time); each test edits its own
 * fresh database through its own profile. Between tests the window goes back to the state it starts in (pending
 * edits discarded, a profile on an empty database active, no saved profile but that one, the dialogs' records and
 * answers as new), and {@link #openDev} checks the edit panel shows nothing of an earlier test.
 */
class GridEditingTest {
    private static FxRobot robot;
    private static EditGui gui;

    @BeforeAll
    static void window() throws Exception {
        FxToolkit.registerPrimaryStage();
        robot = new FxRobot();
        gui = new EditGui(robot);
        FxToolkit.setupStage(stage -> {
            try {
                gui.start(stage);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        gui.reset();
    }

    @AfterEach
    void backToTheStart() throws Exception {
        gui.reset();
    }

    @AfterAll
    static void close() {
        gui.stop();
    }

    private void openDev(String prefix, String db) throws Exception {
        gui.open(prefix, Environment.DEV, db, "items");
        gui.await("the edit bar (table editable)", () -> Fx.visible(robot, "#editBar"));
        gui.assertNothingLeftOver();
    }

    private TextInputControl editor() {
        return Fx.find(robot, "#cellEditor", TextInputControl.class);
    }

    private void key(KeyCode... keys) {
        Fx.push(keys);
    }

    @Test
    void editACellWithF2AndApply() throws Exception {
        String db = EditGui.database("gui_edit");
        openDev("dev", db);
        gui.clickCell(0, "note");
        key(KeyCode.F2);
        gui.await("the cell editor opens on F2", () -> Fx.visible(robot, "#cellEditorBox"));
        assertThat(editor().getText()).isEqualTo("red");
        robot.interact(() -> editor().setText("it's \"crimson\"\\n"));
        key(KeyCode.ENTER);
        gui.await("one pending change", () -> gui.pendingToggle().equals("Pending changes (1)"));
        assertThat(gui.shown(0, "note")).isEqualTo("it's \"crimson\"\\n");
        assertThat(EditGui.rows(db, "SELECT note FROM items WHERE id = 1")).containsExactly("red");
        key(KeyCode.CONTROL, KeyCode.S);
        gui.await("applied", () -> gui.label("#editMessage").startsWith("Applied 1 change"));
        assertThat(EditGui.rows(db, "SELECT note FROM items ORDER BY id")).containsExactly("it's \"crimson\"\\n", "yellow", "NULL");
        assertThat(gui.pendingToggle()).isEqualTo("Pending changes (0)");
    }

    @Test
    void productionIsNotEditableAndSaysWhyThroughTheKeyboard() throws Exception {
        String db = EditGui.database("gui_edit_prod");
        gui.open("prod", Environment.PROD, db, "items");
        gui.assertNothingLeftOver();
        gui.await("the production reason", () -> gui.label("#editReadOnlyReason").equals("read-only: production profile"));
        assertThat(Fx.visible(robot, "#editBar")).isFalse();
        gui.clickCell(0, "note");
        key(KeyCode.F2);
        gui.await("F2 says why", () -> gui.label("#editMessage").equals("read-only: production profile"));
        assertThat(Fx.visible(robot, "#cellEditorBox")).isFalse();
        robot.interact(() -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString("pasted\ton prod");
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        for (KeyCode[] keys : new KeyCode[][] {{KeyCode.X}, {KeyCode.DELETE}, {KeyCode.CONTROL, KeyCode.S},
                {KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.N}, {KeyCode.CONTROL, KeyCode.Z}, {KeyCode.CONTROL, KeyCode.V}}) {
            key(keys);
            String after = java.util.Arrays.toString(keys);
            assertThat(Fx.visible(robot, "#cellEditorBox")).as("editor after %s", after).isFalse();
            assertThat(gui.label("#editMessage")).as("message after %s", after).isEqualTo("read-only: production profile");
        }
        assertThat(gui.pendingToggle()).isEqualTo("Pending changes (0)");
        gui.doubleClickCell(1, "note");
        gui.await("double-click opens the row detail", () -> Fx.visible(robot, "#rowDetail"));
        assertThat(Fx.visible(robot, "#cellEditorBox")).isFalse();
        assertThat(EditGui.rows(db, "SELECT note FROM items ORDER BY id")).containsExactly("red", "yellow", "NULL");
    }

    private void editCell(int row, String column, String text) throws Exception {
        gui.clickCell(row, column);
        key(KeyCode.F2);
        gui.await("the cell editor on " + column, () -> Fx.visible(robot, "#cellEditorBox"));
        robot.interact(() -> editor().setText(text));
        key(KeyCode.ENTER);
        gui.await("the editor closes on Enter", () -> !Fx.visible(robot, "#cellEditorBox"));
    }

    private void applyAndWait(String message) throws Exception {
        key(KeyCode.CONTROL, KeyCode.S);
        gui.await("apply says: " + message, () -> gui.label("#editMessage").startsWith(message));
    }

    @Test
    void nullAndTheEmptyStringStayDistinctAndUndoTakesBackTheLastChange() throws Exception {
        String db = EditGui.database("gui_edit_null");
        openDev("dev", db);
        editCell(0, "note", "");
        assertThat(gui.shown(0, "note")).isEqualTo("");
        gui.clickCell(1, "note");
        key(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.N);
        gui.await("two pending changes", () -> gui.pendingToggle().equals("Pending changes (2)"));
        assertThat(gui.shown(1, "note")).isEqualTo("NULL");
        editCell(2, "qty", "30");
        gui.await("three pending changes", () -> gui.pendingToggle().equals("Pending changes (3)"));
        assertThat(gui.cell(2, "qty").getPseudoClassStates()).extracting(Object::toString).contains("pending-value");
        gui.clickCell(2, "qty");
        key(KeyCode.CONTROL, KeyCode.Z);
        gui.await("undo leaves two", () -> gui.pendingToggle().equals("Pending changes (2)"));
        assertThat(gui.shown(2, "qty")).isEqualTo("3");
        assertThat(gui.cell(2, "qty").getPseudoClassStates()).extracting(Object::toString).doesNotContain("pending-value");
        applyAndWait("Applied 2 changes");
        assertThat(EditGui.rows(db, "SELECT id, note IS NULL, note, qty FROM items ORDER BY id"))
                .containsExactly("1|f||1", "2|t|NULL|2", "3|t|NULL|3");
    }

    @Test
    void aNewRowShowsDefaultUntilSetAndDeletedRowsGoWhenApplied() throws Exception {
        String db = EditGui.database("gui_edit_add");
        openDev("dev", db);
        Fx.click(robot, "#addRowButton");
        gui.await("the new row on top of the grid", () -> gui.grid().getItems().size() == 4);
        assertThat(gui.shown(0, "name")).isEqualTo("DEFAULT");
        assertThat(gui.shown(0, "qty")).isEqualTo("DEFAULT");
        // double-click edits on an editable table
        gui.doubleClickCell(0, "name");
        gui.await("the editor on the new row's name", () -> Fx.visible(robot, "#cellEditorBox"));
        robot.interact(() -> editor().setText("date"));
        key(KeyCode.ENTER);
        gui.await("the new row shows its name", () -> "date".equals(gui.shown(0, "name")));
        assertThat(gui.shown(0, "qty")).isEqualTo("DEFAULT");
        gui.clickCell(1, "name");
        Fx.click(robot, "#duplicateRowButton");
        gui.await("the duplicate of apple on top", () -> gui.grid().getItems().size() == 5);
        assertThat(List.of(gui.shown(1, "id"), gui.shown(1, "name"), gui.shown(1, "note"), gui.shown(1, "qty")))
                .containsExactly("DEFAULT", "apple", "red", "1");
        gui.clickCell(1, "note");
        key(KeyCode.DELETE); // a new row is taken back at once
        gui.await("the duplicate taken back", () -> gui.grid().getItems().size() == 4);
        assertThat(gui.shown(0, "name")).isEqualTo("date");
        gui.clickCell(2, "name");
        assertThat(gui.shown(2, "name")).isEqualTo("banana");
        key(KeyCode.DELETE);
        gui.await("insert and delete pending", () -> gui.pendingToggle().equals("Pending changes (2)"));
        assertThat(gui.cell(2, "name").getTableRow().getPseudoClassStates()).extracting(Object::toString)
                .contains("pending-delete");
        assertThat(EditGui.rows(db, "SELECT count(*) FROM items")).containsExactly("3");
        applyAndWait("Applied 2 changes");
        assertThat(EditGui.rows(db, "SELECT name, note, qty FROM items ORDER BY id"))
                .containsExactly("apple|red|1", "cherry|NULL|3", "date|NULL|0");
        gui.await("the grid reads the table again", () -> gui.grid().getItems().size() == 3);
    }

    @Test
    void aRowChangedMeanwhileIsAConflictAndNothingIsApplied() throws Exception {
        String db = EditGui.database("gui_edit_conflict");
        openDev("dev", db);
        editCell(0, "note", "mine");
        editCell(1, "note", "also mine");
        exec(db, "UPDATE items SET note = 'theirs' WHERE id = 1");
        applyAndWait("Nothing was applied: 1 row was changed");
        assertThat(EditGui.rows(db, "SELECT note FROM items ORDER BY id")).containsExactly("theirs", "yellow", "NULL");
        assertThat(gui.pendingToggle()).isEqualTo("Pending changes (2)");
        var row = gui.cell(0, "note").getTableRow();
        assertThat(row.getPseudoClassStates()).extracting(Object::toString).contains("edit-problem");
        assertThat(row.getTooltip().getText()).contains("changed by someone else meanwhile").contains("note = theirs");

        // the user keeps their value on the row's new state, then applies: both edits land, nothing of theirs is lost
        gui.await("Re-apply is offered after a conflict", () -> Fx.visible(robot, "#conflictActions"));
        Fx.click(robot, "#reapplyButton");
        gui.await("the changes are pending again on the new values",
                () -> gui.label("#editMessage").startsWith("1 change now made on the rows' current values"));
        applyAndWait("Applied");
        assertThat(EditGui.rows(db, "SELECT note FROM items ORDER BY id")).containsExactly("mine", "also mine", "NULL");
        assertThat(Fx.visible(robot, "#conflictActions")).isFalse();
    }

    @Test
    void switchingProfileWithPendingEditsAsksFirstCancelKeepsThemApplyAppliesThenSwitches() throws Exception {
        String db = EditGui.database("gui_edit_leave");
        openDev("dev", db);
        editCell(0, "note", "kept");
        var other = gui.addProfile("other", Environment.DEV, db);

        robot.interact(() -> gui.built.session().activate(other)); // the dialogs answer Cancel
        gui.await("the question was asked", () -> gui.dialogs.unsaved.size() == 1);
        assertThat(gui.dialogs.unsaved.get(0)).contains("1 pending change").contains("items");
        assertThat(gui.built.session().activeProfile().name()).isEqualTo("dev");
        assertThat(gui.pendingToggle()).isEqualTo("Pending changes (1)");
        assertThat(EditGui.rows(db, "SELECT note FROM items ORDER BY id")).containsExactly("red", "yellow", "NULL");

        gui.dialogs.unsavedAnswer = com.cruddur.console.ui.common.UnsavedChoice.APPLY;
        robot.interact(() -> gui.built.session().activate(other));
        gui.await("applied, then switched", () -> gui.built.session().activeProfile().name().equals("other"));
        assertThat(EditGui.rows(db, "SELECT note FROM items ORDER BY id")).containsExactly("kept", "yellow", "NULL");
    }

    @Test
    void aGeneratedColumnSaysOnItsHeaderThatItIsReadOnlyAndWhy() throws Exception {
        String db = EditGui.database("gui_edit_generated");
        exec(db, "ALTER TABLE items ADD COLUMN shout text GENERATED ALWAYS AS (upper(name)) STORED");
        openDev("dev", db);
        gui.await("the generated column's header says read-only", () -> headerType("shout").endsWith("· read-only"));
        assertThat(headerType("note")).doesNotContain("read-only");
        javafx.scene.Node header = column("shout").getGraphic();
        var tip = (javafx.scene.control.Tooltip) header.getProperties().get("javafx.scene.control.Tooltip");
        assertThat(tip.getText()).contains("shout is read-only").contains("generated");
    }

    private javafx.scene.control.TableColumn<?, ?> column(String name) {
        javafx.scene.control.TableView<?> grid = Fx.find(robot, "#grid", javafx.scene.control.TableView.class);
        return grid.getColumns().stream().filter(c -> name.equals(c.getUserData())).findFirst().orElseThrow();
    }

    private String headerType(String name) {
        javafx.scene.Node header = column(name).getGraphic();
        return ((javafx.scene.control.Label) header.lookup(".column-type")).getText();
    }

    @Test
    void aConstraintErrorMarksTheCellWithTheServersMessageAndNothingIsApplied() throws Exception {
        String db = EditGui.database("gui_edit_unique");
        openDev("dev", db);
        editCell(0, "note", "first");
        gui.clickCell(1, "name");
        key(KeyCode.A); // typing starts editing with what was typed
        gui.await("typing opens the editor", () -> Fx.visible(robot, "#cellEditorBox"));
        assertThat(editor().getText()).isEqualTo("a");
        robot.interact(() -> editor().setText("apple"));
        key(KeyCode.ENTER);
        applyAndWait("Nothing was applied");
        assertThat(gui.label("#editMessage")).contains("name").contains("already exists");
        assertThat(EditGui.rows(db, "SELECT name, note FROM items ORDER BY id"))
                .containsExactly("apple|red", "banana|yellow", "cherry|NULL");
        var cell = gui.cell(1, "name");
        assertThat(cell.getPseudoClassStates()).extracting(Object::toString).contains("edit-problem");
        assertThat(cell.getTooltip().getText()).contains("already exists");
        assertThat(gui.cell(1, "note").getPseudoClassStates()).extracting(Object::toString).doesNotContain("edit-problem");
    }

    @Test
    void aBlockCopiedFromASpreadsheetPastesAsPendingEditsAndItsExtraRowAsANewRow() throws Exception {
        String db = EditGui.database("gui_edit_paste");
        openDev("dev", db);
        robot.interact(() -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString("kiwi\t\"two\nlines, \"\"quoted\"\"\"\r\nlime\t\r\nmango\tx\r\n");
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        gui.clickCell(1, "name");
        key(KeyCode.CONTROL, KeyCode.V);
        gui.await("the pasted block pending", () -> gui.pendingToggle().equals("Pending changes (3)"));
        assertThat(gui.label("#editMessage")).startsWith("Pasted 6 cells as pending changes");
        assertThat(gui.grid().getItems()).hasSize(4); // the block's third row is a new row, shown on top
        assertThat(gui.shown(0, "name")).isEqualTo("mango");
        assertThat(gui.shown(0, "qty")).isEqualTo("DEFAULT");
        assertThat(gui.shown(2, "name")).isEqualTo("kiwi");
        assertThat(gui.shown(2, "note")).isEqualTo("two↵lines, \"quoted\"");
        applyAndWait("Applied 3 changes");
        assertThat(EditGui.rows(db, "SELECT name, note IS NULL, replace(note, E'\\n', '/'), qty FROM items ORDER BY id"))
                .containsExactly("apple|f|red|1", "kiwi|f|two/lines, \"quoted\"|2", "lime|f||3", "mango|f|x|0");
    }

    private javafx.scene.control.Button ok() {
        return Fx.find(robot, "#cellEditorOk", javafx.scene.control.Button.class);
    }

    private void open(int row, String column) throws Exception {
        gui.clickCell(row, column);
        key(KeyCode.F2);
        gui.await("the editor on " + column, () -> Fx.visible(robot, "#cellEditorBox")
                && Fx.maybe(robot, "#cellEditorBox #cellEditor").isPresent());
    }

    @Test
    void eachTypeHasItsEditorAndAWrongValueCannotBeKept() throws Exception {
        String db = EditGui.database("gui_edit_types");
        openDev("dev", db);
        // integer: checked as typed, red until fixed, Enter refused meanwhile
        open(0, "qty");
        robot.interact(() -> editor().setText("many"));
        assertThat(gui.label("#cellEditorHint")).contains("qty takes a whole number");
        assertThat(ok().isDisabled()).isTrue();
        key(KeyCode.ENTER);
        assertThat(Fx.visible(robot, "#cellEditorBox")).isTrue();
        assertThat(gui.pendingToggle()).isEqualTo("Pending changes (0)");
        robot.interact(() -> editor().setText("12"));
        assertThat(ok().isDisabled()).isFalse();
        key(KeyCode.ENTER);
        gui.await("qty pending", () -> gui.pendingToggle().equals("Pending changes (1)"));
        // boolean, nullable: a checkbox whose undetermined state is NULL
        open(0, "done");
        var check = Fx.find(robot, "#cellEditor", javafx.scene.control.CheckBox.class);
        assertThat(check.isIndeterminate()).isTrue();
        robot.interact(() -> {
            check.setIndeterminate(false);
            check.setSelected(true);
        });
        Fx.click(robot, "#cellEditorOk");
        gui.await("done pending", () -> "true".equals(gui.shown(0, "done")));
        // jsonb: several lines, laid out, checked as typed, Ctrl+Enter keeps it
        open(1, "meta");
        assertThat((Object) Fx.find(robot, "#cellEditor")).isInstanceOf(javafx.scene.control.TextArea.class);
        robot.interact(() -> editor().setText("{\"a\": [1,"));
        assertThat(gui.label("#cellEditorHint")).contains("meta takes JSON");
        robot.interact(() -> editor().setText("{\"a\": [1, 2],\n \"b\": \"x\"}"));
        key(KeyCode.CONTROL, KeyCode.ENTER);
        gui.await("meta pending", () -> gui.pendingToggle().equals("Pending changes (2)"));
        // enum: a list of its labels, as the server declares them
        open(2, "mood");
        @SuppressWarnings("unchecked") javafx.scene.control.ComboBox<String> choice = Fx.find(robot, "#cellEditor", javafx.scene.control.ComboBox.class);
        assertThat(choice.getItems()).containsExactly("sad", "ok", "happy");
        robot.interact(() -> choice.setValue("happy"));
        key(KeyCode.ENTER);
        gui.await("mood pending", () -> gui.pendingToggle().equals("Pending changes (3)"));
        // date refused with what is wrong; timestamptz says which zone a time without offset is read in
        open(2, "due");
        robot.interact(() -> editor().setText("2026-02-30"));
        assertThat(gui.label("#cellEditorHint")).contains("due takes a date");
        key(KeyCode.ESCAPE);
        open(2, "added");
        assertThat(gui.label("#cellEditorHint")).contains("without an offset it is read in");
        key(KeyCode.ESCAPE);
        applyAndWait("Applied 3 changes");
        assertThat(EditGui.rows(db, "SELECT id, qty, done, meta, mood FROM items ORDER BY id")).containsExactly(
                "1|12|t|NULL|NULL", "2|2|NULL|{\"a\": [1, 2], \"b\": \"x\"}|NULL", "3|3|NULL|NULL|happy");
    }
}
