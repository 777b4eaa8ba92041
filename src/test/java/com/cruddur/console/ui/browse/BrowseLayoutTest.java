package com.cruddur.console.ui.browse;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.core.browse.ColumnCondition;
import com.cruddur.console.core.browse.DataGenerator;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.testsupport.Eventually;
import com.cruddur.console.testsupport.LayoutAudit;
import com.cruddur.console.testsupport.TestPostgres;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static com.cruddur.console.ui.browse.BrowseGuiFixture.grid;
import static com.cruddur.console.ui.browse.BrowseGuiFixture.openTable;
import static com.cruddur.console.ui.browse.BrowseGuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing clipped on the Browse tab, at 1024×640 (the smallest window) and 1920×1080: on a database without tables,
 * and on users and activities with the bundled seed and with generated data, with a filter chip, the sign-up form
 * and a row detail open: nothing {@link LayoutAudit} finds (a control off the window, a label cut with "…"), and grid
 * values cut only in columns at the width cap (the detail and the tooltip show them whole).
 */
@ExtendWith(ApplicationExtension.class)
class BrowseLayoutTest {
    private final BrowseGuiFixture fx = new BrowseGuiFixture();
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        fx.start(stage);
    }

    @AfterEach
    void tearDown() {
        fx.stop();
    }

    @Test
    void nothingIsClippedAtTheSmallestWindowAndOnALargeScreen(FxRobot robot) throws Exception {
        String seeded = BrowseGuiFixture.seededDatabase("gui_layout_seed", 0);
        String generated = BrowseGuiFixture.seededDatabase("gui_layout_gen", 0);
        String empty = TestPostgres.freshDatabase("gui_layout_empty");
        try (Connection c = TestPostgres.connect(generated)) {
            new DataGenerator().generate(c, 400, 5_000, 3);
        }
        int profiles = 0;
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getBounds();
        assertThat(screen.getWidth() >= 1920 && screen.getHeight() >= 1080)
                .as("the headless screen holds a 1920×1080 window (surefire sets -Dheadless.geometry=1920x1080-32), "
                        + "but it is " + screen).isTrue();
        for (int[] size : new int[][] {{1024, 640}, {1920, 1080}}) {
            robot.interact(() -> {
                stage.setX(0);
                stage.setY(0);
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            fx.useProfile(robot, "p" + profiles++, Environment.DEV, empty);
            waitFor(() -> Fx.maybe(robot, "#resetSchemaButton").isPresent());
            audit(robot, size[0] + "×" + size[1] + ", a database without tables");
            Fx.click(robot, "#resetSchemaButton"); // leads to the Schema tab, whose Reset asks for itself
            javafx.scene.control.TabPane tabs = Fx.find(robot, "#mainTabs", javafx.scene.control.TabPane.class);
            waitFor(() -> "schemaTab".equals(tabs.getSelectionModel().getSelectedItem().getId()));
            assertThat(fx.dialogs.questions).isEmpty();
            for (String db : List.of(seeded, generated)) {
                String where = size[0] + "×" + size[1] + (db.equals(seeded) ? ", seed" : ", generated");
                fx.useProfile(robot, "p" + profiles++, Environment.DEV, db);
                waitFor(() -> Fx.maybe(robot, "#open-users").isPresent());
                audit(robot, where + ", no table chosen");

                openTable(robot, "users");
                TableView<GridRow> grid = grid(robot);
                waitFor(() -> !grid.getItems().isEmpty() && grid.getColumns().size() == 8);
                audit(robot, where + ", users");
                robot.interact(() -> {
                    @SuppressWarnings("unchecked")
                    ChoiceBox<String> column = Fx.find(robot, "#conditionColumn", ChoiceBox.class);
                    column.setValue("email");
                    @SuppressWarnings("unchecked")
                    ChoiceBox<ColumnCondition.Op> op = Fx.find(robot, "#conditionOp", ChoiceBox.class);
                    op.setValue(ColumnCondition.Op.STARTS_WITH);
                    Fx.find(robot, "#conditionValue", TextField.class).setText("a");
                });
                Fx.click(robot, "#addConditionButton");
                waitFor(() -> !Fx.all(robot, ".filter-chip").isEmpty());
                BrowseGuiFixture.chooseMore(robot, "Simulate sign-up…");
                waitFor(() -> Fx.visible(robot, "#signupForm"));
                openDetail(robot, grid);
                audit(robot, where + ", users with a chip, the sign-up form and a row detail");

                openTable(robot, "activities");
                waitFor(() -> !grid.getItems().isEmpty() && grid.getColumns().size() == 11);
                audit(robot, where + ", activities");
                openDetail(robot, grid);
                audit(robot, where + ", activities with a row detail");
                assertUuidsOnOneLine(robot, where);
            }
        }
    }

    private static void openDetail(FxRobot robot, TableView<GridRow> grid) throws Exception {
        robot.interact(() -> grid.getSelectionModel().clearAndSelect(0));
        robot.interact(grid::requestFocus);
        robot.type(KeyCode.ENTER);
        waitFor(() -> Fx.read(() -> robot.lookup("#rowDetail").tryQuery().map(Node::isVisible).orElse(false)));
    }

    /**
     * A UUID in the row detail reads as one value: on one line, as tall as a one-line value such as a count, not
     * broken at one of its hyphens (issue 24 saw "7a2fc080-35f3-40ce-a69b-99077" / "2c0e837" at 1024×640).
     */
    private static void assertUuidsOnOneLine(FxRobot robot, String where) throws Exception {
        Eventually.assertEventually(20, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            List<String> tall = WaitForAsyncUtils.asyncFx(() -> {
                List<javafx.scene.control.Label> values = Fx.read(() -> robot.lookup("#detailList .detail-value")
                        .queryAllAs(javafx.scene.control.Label.class).stream().filter(Node::isVisible).toList());
                double oneLine = values.stream().filter(l -> l.getText().matches("\\d+"))
                        .mapToDouble(javafx.scene.control.Label::getHeight).min().orElse(-1);
                List<String> out = new ArrayList<>();
                if (oneLine <= 0) {
                    out.add("no one-line value to compare with");
                }
                values.stream().filter(l -> l.getText().matches("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"))
                        .filter(l -> l.getHeight() > oneLine + 1)
                        .forEach(l -> out.add(l.getText() + " is " + l.getHeight() + " px tall, a line is " + oneLine));
                // each field's content inside its own cell: a field that wraps at layout but was measured on one
                // line draws over the next field
                robot.lookup("#detailList .list-cell").queryAllAs(javafx.scene.control.ListCell.class).stream()
                        .filter(c -> !c.isEmpty() && c.isVisible() && c.getGraphic() != null)
                        .filter(c -> c.getGraphic().getBoundsInParent().getMaxY() > c.getHeight() + 0.5)
                        .forEach(c -> out.add("the field " + ((DetailField) c.getItem()).name() + " overflows its cell"));
                if (values.stream().noneMatch(l -> l.getText().matches("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"))) {
                    out.add("no UUID shown in the row detail");
                }
                return out;
            }).get();
            assertThat(tall).as("UUIDs in the row detail at " + where).isEmpty();
        });
    }

    /**
     * Fails with every clipped control, cut label and cut grid value still found once layout has had its chance to
     * settle: the audit is repeated, a pulse apart, until it finds nothing, and its last findings are the failure.
     */
    private static void audit(FxRobot robot, String where) throws Exception {
        Scene scene = Fx.find(robot, "#grid").getScene();
        Eventually.assertEventually(20, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            List<String> problems = WaitForAsyncUtils.asyncFx(() -> {
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                List<String> out = new ArrayList<>();
                LayoutAudit.audit(scene).forEach(p -> out.add(p.toString()));
                cutGridValues(scene.getRoot(), out);
                return out;
            }).get();
            assertThat(problems).as("clipped at " + where).isEmpty();
        });
        System.out.println("layout audit passed: " + where);
    }

    /**
     * LayoutAudit lets table cells be cut (data); Browse sizes its columns from their values, so a grid value may be
     * cut only where its column is at the width cap (the detail and the tooltip have it whole).
     */
    private static void cutGridValues(Node node, List<String> out) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof TableCell<?, ?> cell && cell.getTableColumn() != null) {
            String shown = shown(cell);
            if (cell.getText() != null && !cell.getText().isEmpty() && shown != null && !shown.equals(cell.getText())
                    && cell.getTableColumn().getWidth() < ColumnWidths.MAX_VALUE_WIDTH - 1) {
                out.add("grid cell of " + cell.getTableColumn().getUserData() + " (" + cell.getTableColumn().getWidth()
                        + " px, under the cap) is cut: \"" + shown + "\" of \"" + cell.getText() + "\"");
            }
            return;
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                cutGridValues(child, out);
            }
        }
    }

    /** The text the skin draws: its Text node's, which ends in "…" when the cell had no room. */
    private static String shown(TableCell<?, ?> cell) {
        for (Node child : cell.getChildrenUnmodifiable()) {
            if (child instanceof Text t && child != cell.getGraphic()) {
                return t.getText();
            }
        }
        return null;
    }
}
