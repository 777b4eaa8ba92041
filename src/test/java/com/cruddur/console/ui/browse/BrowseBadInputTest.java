package com.cruddur.console.ui.browse;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.core.browse.ColumnCondition;
import com.cruddur.console.core.profile.Environment;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static com.cruddur.console.testsupport.Eventually.assertEventually;
import static com.cruddur.console.testsupport.TestPostgres.count;
import static com.cruddur.console.testsupport.TestPostgres.exec;
import static com.cruddur.console.ui.browse.BrowseGuiFixture.grid;
import static com.cruddur.console.ui.browse.BrowseGuiFixture.openTable;
import static com.cruddur.console.ui.browse.BrowseGuiFixture.text;
import static com.cruddur.console.ui.browse.BrowseGuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad input on the Browse tab: each gets a clear error line, and the grid keeps the rows it had. */
@ExtendWith(ApplicationExtension.class)
class BrowseBadInputTest {
    private final BrowseGuiFixture fx = new BrowseGuiFixture();

    @Start
    void start(Stage stage) throws Exception {
        fx.start(stage);
    }

    @AfterEach
    void tearDown() {
        fx.stop();
    }

    private void where(FxRobot robot, String sql) {
        robot.interact(() -> Fx.find(robot, "#whereField", javafx.scene.control.TextInputControl.class).setText(sql));
        Fx.click(robot, "#applyFilterButton");
    }

    @Test
    void writingWhereConversionErrorEscCancelLostConnectionAndDroppedTable(FxRobot robot) throws Exception {
        String db = BrowseGuiFixture.seededDatabase("gui_bad", 10);
        exec(db, "CREATE TABLE scratch (note text)");
        exec(db, "INSERT INTO scratch VALUES ('one'), (''), (NULL)");
        exec(db, "CREATE FUNCTION wipe() RETURNS boolean LANGUAGE sql AS 'DELETE FROM activities RETURNING true'");
        fx.useProfile(robot, "dev", Environment.DEV, db);
        openTable(robot, "users");
        TableView<GridRow> grid = grid(robot);
        waitFor(() -> grid.getItems().size() == 12);

        where(robot, "wipe() IS NOT NULL");
        waitFor(() -> text(robot, "#errorLine").contains("refused"));
        assertThat(text(robot, "#errorLine")).contains("read-only transaction");
        assertThat(grid.getItems()).hasSize(12);
        assertThat(count(db, "SELECT count(*) FROM activities")).isEqualTo(3);

        robot.interact(() -> Fx.find(robot, "#whereField", javafx.scene.control.TextInputControl.class).setText(""));
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ChoiceBox<String> col = Fx.find(robot, "#conditionColumn", ChoiceBox.class);
            col.setValue("created_at");
            @SuppressWarnings("unchecked")
            ChoiceBox<ColumnCondition.Op> op = Fx.find(robot, "#conditionOp", ChoiceBox.class);
            op.setValue(ColumnCondition.Op.GREATER);
            Fx.find(robot, "#conditionValue", javafx.scene.control.TextInputControl.class).setText("last tuesday");
        });
        Fx.click(robot, "#addConditionButton");
        waitFor(() -> text(robot, "#errorLine").contains("created_at"));
        assertThat(text(robot, "#errorLine")).contains("last tuesday");
        assertThat(grid.getItems()).hasSize(12);
        Fx.click(robot, "#clearFilterButton");
        waitFor(() -> text(robot, "#errorLine").isEmpty());

        // Esc stops a slow query on the server; the rows stay
        where(robot, "(SELECT pg_sleep(30)) IS NOT NULL");
        waitFor(() -> !Fx.disabled(robot, "#cancelButton"));
        long t0 = System.nanoTime();
        robot.interact(() -> Fx.find(robot, "#grid").requestFocus());
        robot.type(KeyCode.ESCAPE);
        waitFor(() -> text(robot, "#errorLine").contains("cancelled"));
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
        assertThat(grid.getItems()).hasSize(12);

        // the server ends our session mid-query: error shown, rows kept, F5 recovers
        where(robot, "(SELECT pg_sleep(30)) IS NOT NULL");
        Fx.waitOffFxThread("the disk or database to show it", () -> count(db, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' "
                + "AND pid <> pg_backend_pid() AND state = 'active'") == 1);
        exec(db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' "
                + "AND pid <> pg_backend_pid()");
        waitFor(() -> text(robot, "#errorLine").contains("connection"));
        assertThat(grid.getItems()).hasSize(12);
        robot.interact(() -> Fx.find(robot, "#whereField", javafx.scene.control.TextInputControl.class).setText("handle <> 'bayko'"));
        Fx.click(robot, "#applyFilterButton");
        waitFor(() -> grid.getItems().size() == 11 && text(robot, "#errorLine").isEmpty());

        // a table without a key pages on ctid and says it is read-only; NULL and '' differ
        Fx.click(robot, "#clearFilterButton");
        openTable(robot, "scratch");
        waitFor(() -> grid.getItems().size() == 3);
        assertEventually(30, () -> assertThat(text(robot, "#readOnlyNotice")).contains("no primary key").contains("ctid"));
        // the cells show the new rows on a later layout pass than the one that set the items
        waitFor(() -> !robot.lookup(".table-cell").match((javafx.scene.Node n) -> n.getPseudoClassStates()
                .contains(GridCell.NULL_VALUE)).queryAll().isEmpty());

        // dropped while browsing: refresh says so, the rows stay
        exec(db, "DROP TABLE scratch");
        robot.interact(() -> Fx.find(robot, "#grid").requestFocus());
        robot.type(KeyCode.F5);
        waitFor(() -> text(robot, "#errorLine").contains("no longer exists"));
        assertThat(grid.getItems()).hasSize(3);
    }

    @Test
    void simulateSignupOnTheUsersTableAddsAUserAndRefusesProd(FxRobot robot) throws Exception {
        String db = BrowseGuiFixture.seededDatabase("gui_signup", 0);
        fx.useProfile(robot, "dev", Environment.DEV, db);
        openTable(robot, "users");
        TableView<GridRow> grid = grid(robot);
        waitFor(() -> grid.getItems().size() == 2);
        BrowseGuiFixture.chooseMore(robot, "Simulate sign-up…");
        Fx.setText(robot, "#signupName", "Ada Lovelace");
        Fx.setText(robot, "#signupEmail", "ada@example.com");
        Fx.setText(robot, "#signupHandle", "ada");
        Fx.click(robot, "#signupRunButton");
        waitFor(() -> grid.getItems().size() == 3);
        assertThat(fx.dialogs.infos).anyMatch(i -> i.startsWith("Simulate sign-up: ") && i.contains("handle ada"));
        assertThat(count(db, "SELECT count(*) FROM users WHERE handle = 'ada' AND email = 'ada@example.com'")).isEqualTo(1);

        String prodDb = BrowseGuiFixture.seededDatabase("gui_signup_prod", 0);
        fx.useProfile(robot, "prod", Environment.PROD, prodDb);
        openTable(robot, "users");
        waitFor(() -> grid.getItems().size() == 2);
        BrowseGuiFixture.chooseMore(robot, "Simulate sign-up…");
        Fx.setText(robot, "#signupName", "Eve");
        Fx.setText(robot, "#signupEmail", "eve@example.com");
        Fx.click(robot, "#signupRunButton");
        waitFor(() -> !fx.dialogs.errors.isEmpty());
        assertThat(fx.dialogs.errors.get(0)).startsWith("Simulate sign-up: ");
        assertThat(count(prodDb, "SELECT count(*) FROM users")).isEqualTo(2);
    }
}
