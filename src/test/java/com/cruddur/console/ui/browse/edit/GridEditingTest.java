package com.cruddur.console.ui.browse.edit;

import com.cruddur.console.core.profile.Environment;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Editing in the Browse grid as a person does it, headless over the embedded PostgreSQL: every change is read back
 * from the server with JDBC; production refuses every way in, saying why.
 */
@ExtendWith(ApplicationExtension.class)
class GridEditingTest {
    private FxRobot robot;
    private EditGui gui;

    @Start
    void start(Stage stage) throws Exception {
        robot = new FxRobot();
        gui = new EditGui(robot);
        gui.start(stage);
    }

    @AfterEach
    void tearDown() {
        gui.stop();
    }

    private void openDev(String prefix, String db) throws Exception {
        gui.open(prefix, Environment.DEV, db, "items");
        gui.await("the edit bar (table editable)", () -> robot.lookup("#editBar").query().isVisible());
    }

    private TextInputControl editor() {
        return robot.lookup("#cellEditor").queryAs(TextInputControl.class);
    }

    private void key(KeyCode... keys) {
        robot.push(keys);
    }

    @Test
    void editACellWithF2AndApply() throws Exception {
        String db = EditGui.database("gui_edit");
        openDev("dev", db);
        gui.clickCell(0, "note");
        key(KeyCode.F2);
        gui.await("the cell editor opens on F2", () -> robot.lookup("#cellEditorBox").query().isVisible());
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
        gui.await("the production reason", () -> gui.label("#editReadOnlyReason").equals("read-only: production profile"));
        assertThat(robot.lookup("#editBar").query().isVisible()).isFalse();
        gui.clickCell(0, "note");
        key(KeyCode.F2);
        gui.await("F2 says why", () -> gui.label("#editMessage").equals("read-only: production profile"));
        assertThat(robot.lookup("#cellEditorBox").query().isVisible()).isFalse();
    }
}
