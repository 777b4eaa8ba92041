package com.cruddur.console.ui.browse;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.core.browse.ColumnKind;
import com.cruddur.console.core.profile.Environment;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static com.cruddur.console.testsupport.Eventually.assertEventually;
import static com.cruddur.console.testsupport.TestPostgres.value;
import static com.cruddur.console.ui.browse.BrowseGuiFixture.cell;
import static com.cruddur.console.ui.browse.BrowseGuiFixture.clickHeader;
import static com.cruddur.console.ui.browse.BrowseGuiFixture.grid;
import static com.cruddur.console.ui.browse.BrowseGuiFixture.openTable;
import static com.cruddur.console.ui.browse.BrowseGuiFixture.text;
import static com.cruddur.console.ui.browse.BrowseGuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** The Browse tab as a person uses it, headless, over the embedded PostgreSQL with the Cruddur schema and seed. */
@ExtendWith(ApplicationExtension.class)
class BrowseViewTest {
    private final BrowseGuiFixture fx = new BrowseGuiFixture();

    @Start
    void start(Stage stage) throws Exception {
        fx.start(stage);
    }

    @AfterEach
    void tearDown() {
        fx.stop();
    }

    @Test
    void seeSortFilterPageOpenARowAndCopyAsJson(FxRobot robot) throws Exception {
        String db = BrowseGuiFixture.seededDatabase("gui_browse", 300);
        fx.useProfile(robot, "dev", Environment.DEV, db);
        ListView<Object> list = BrowseGuiFixture.tableList(robot);
        waitFor(() -> list.getItems().size() >= 2);
        assertThat(list.getItems().get(0).toString()).contains("ref=public.users,");
        assertThat(list.getItems().get(1).toString()).contains("ref=public.activities,");

        openTable(robot, "users");
        TableView<GridRow> grid = grid(robot);
        waitFor(() -> grid.getItems().size() == 200);
        assertEventually(30, () -> assertThat(text(robot, "#pageLabel")).isEqualTo("rows 1–200"));
        assertEventually(30, () -> assertThat(text(robot, "#countLabel")).isEqualTo("≈ 302 rows"));
        assertThat(grid.getItems().get(0).numberText()).isEqualTo("1");
        assertThat(Fx.visible(robot, "#readOnlyNotice")).isFalse();
        assertThat(BrowseGuiFixture.menuItem(robot, "simulateSignupItem").isVisible()).isTrue();

        clickHeader(robot, "handle");
        waitFor(() -> "andrewbrown".equals(cell(robot, 0, "handle")));
        assertThat(cell(robot, 1, "handle")).isEqualTo("bayko");
        assertThat(cell(robot, 2, "handle")).isEqualTo("user0001");
        clickHeader(robot, "handle");
        waitFor(() -> "user0300".equals(cell(robot, 0, "handle")));
        assertThat(BrowseGuiFixture.sortMarker(robot, "handle")).isEqualTo("▼");
        clickHeader(robot, "handle"); // third click: back to key order
        waitFor(() -> BrowseGuiFixture.sortMarker(robot, "handle").isEmpty());
        clickHeader(robot, "handle");
        waitFor(() -> "andrewbrown".equals(cell(robot, 0, "handle")));

        // quick search: the text is data, bound as a parameter
        Fx.click(robot, "#quickFilter").write("bayko").type(KeyCode.ENTER);
        waitFor(() -> grid.getItems().size() == 1);
        assertThat(cell(robot, 0, "email")).isEqualTo("bayko@example.com");
        Fx.click(robot, "#clearFilterButton");
        waitFor(() -> grid.getItems().size() == 200);

        Fx.click(robot, "#nextButton");
        waitFor(() -> grid.getItems().size() == 102);
        assertEventually(30, () -> assertThat(text(robot, "#pageLabel")).isEqualTo("rows 201–302"));
        assertThat(grid.getItems().get(0).numberText()).isEqualTo("201");
        assertThat(cell(robot, 0, "handle")).isEqualTo("user0199");
        assertThat(Fx.disabled(robot, "#nextButton")).isTrue();
        Fx.click(robot, "#prevButton");
        waitFor(() -> "andrewbrown".equals(cell(robot, 0, "handle")));
        assertEventually(30, () -> assertThat(text(robot, "#pageLabel")).isEqualTo("rows 1–200"));

        // open a row: Enter shows every field
        robot.interact(() -> grid.getSelectionModel().clearAndSelect(1));
        robot.interact(grid::requestFocus);
        robot.type(KeyCode.ENTER);
        waitFor(() -> Fx.read(() -> robot.lookup("#rowDetail").tryQuery().map(n -> n.isVisible()).orElse(false)));
        @SuppressWarnings("unchecked")
        ListView<DetailField> detail = Fx.find(robot, "#detailList", ListView.class);
        assertThat(detail.getItems()).extracting(DetailField::name).containsExactly("uuid", "display_name", "handle",
                "email", "cognito_user_id", "created_at", "updated_at");
        assertThat(detail.getItems().get(2).value()).isEqualTo("bayko");
        assertThat(detail.getItems().get(0).type()).isEqualTo("uuid, primary key, not null");

        // copy the first two rows as JSON, exactly as the backend's query_wrap_array would return them
        robot.interact(() -> grid.getSelectionModel().selectRange(0, 2));
        Fx.click(robot, "#copyJsonButton");
        AtomicReference<String> clip = new AtomicReference<>();
        robot.interact(() -> clip.set(Clipboard.getSystemClipboard().getString()));
        assertThat(clip.get()).isEqualTo(value(db, "SELECT array_to_json(array_agg(row_to_json(t))) FROM "
                + "(SELECT * FROM users ORDER BY handle, uuid LIMIT 2) t"));
        assertThat(clip.get()).contains("\"handle\":\"andrewbrown\"").contains("\"handle\":\"bayko\"");
        waitFor(() -> "Copied 2 rows as JSON".equals(text(robot, "#noticeText")));
        assertThat(Fx.visible(robot, "#noticeBox")).isTrue();
        // with the row detail open, the notice lies over the grid, not over the detail's buttons
        robot.interact(() -> {
            Node notice = Fx.find(robot, "#noticeBox");
            Node openUser = Fx.find(robot, "#openUserButton");
            assertThat(notice.localToScene(notice.getLayoutBounds()).intersects(
                    openUser.localToScene(openUser.getLayoutBounds()))).isFalse();
            assertThat(notice.localToScene(notice.getLayoutBounds()).getMaxX())
                    .isLessThanOrEqualTo(grid.localToScene(grid.getLayoutBounds()).getMaxX());
        });

        // a new filter clears the selection: the open detail says what to do instead of showing an empty box
        robot.interact(() -> Fx.find(robot, "#quickFilter", javafx.scene.control.TextField.class).setText("bayko"));
        Fx.click(robot, "#applyFilterButton");
        waitFor(() -> !grid.getItems().isEmpty() && grid.getItems().size() < 200);
        assertThat(detail.getItems()).isEmpty();
        assertThat(((Labeled) detail.getPlaceholder()).getText()).isEqualTo("Select a row to see its values");

        // Esc closes the row detail, from the grid as from the detail itself
        robot.interact(grid::requestFocus);
        robot.type(KeyCode.ESCAPE);
        waitFor(() -> !Fx.read(() -> robot.lookup("#rowDetail").tryQuery().map(Node::isVisible).orElse(false)));
        robot.interact(() -> grid.getSelectionModel().clearAndSelect(0));
        robot.type(KeyCode.ENTER);
        waitFor(() -> Fx.read(() -> robot.lookup("#rowDetail").tryQuery().map(Node::isVisible).orElse(false))
                && !detail.getItems().isEmpty());
        robot.interact(detail::requestFocus);
        robot.type(KeyCode.ESCAPE);
        waitFor(() -> !Fx.read(() -> robot.lookup("#rowDetail").tryQuery().map(Node::isVisible).orElse(false)));
    }

    @Test
    void fromAnActivityOpenItsUserAndBackToTheirActivities(FxRobot robot) throws Exception {
        String db = BrowseGuiFixture.seededDatabase("gui_follow", 5);
        fx.useProfile(robot, "dev", Environment.DEV, db);
        openTable(robot, "activities");
        TableView<GridRow> grid = grid(robot);
        waitFor(() -> grid.getItems().size() == 3);
        assertThat(columnNames(grid)).containsExactly("uuid", "user_uuid", "message", "replies_count", "reposts_count",
                "likes_count", "reply_to_activity_uuid", "expires_at", "created_at", "updated_at");
        List<TableColumn<GridRow, ?>> activityColumns = List.copyOf(grid.getColumns());
        waitFor(() -> cellState(robot, "replies_count", GridCell.kindState(ColumnKind.NUMBER)));
        // a person drags updated_at to the front; the next table comes in the table's own order all the same
        robot.interact(() -> grid.getColumns().add(1, grid.getColumns().remove(10)));
        assertThat(columnNames(grid).get(0)).isEqualTo("updated_at");
        clickHeader(robot, "message");
        waitFor(() -> "Cloud is fun; databases are more fun.".equals(cell(robot, 0, "message")));
        robot.interact(() -> grid.getSelectionModel().clearAndSelect(0));
        robot.interact(grid::requestFocus);
        robot.type(KeyCode.ENTER);
        waitFor(() -> Fx.read(() -> robot.lookup("#openUserButton").tryQuery().map(n -> !n.isDisabled()).orElse(false)));
        Fx.click(robot, "#openUserButton");
        waitFor(() -> grid.getItems().size() == 1 && grid.getColumns().stream().anyMatch(c -> "handle".equals(c.getUserData())));
        assertThat(cell(robot, 0, "handle")).isEqualTo("andrewbrown");
        // another table is shown in the columns already there (their cells are kept), each taking its new kind
        assertThat(columnNames(grid)).containsExactly("uuid", "display_name", "handle", "email", "cognito_user_id",
                "created_at", "updated_at");
        assertThat(grid.getColumns()).containsExactlyElementsOf(activityColumns.subList(0, 8));
        waitFor(() -> cellState(robot, "email", null)); // was replies_count, a number
        assertThat(cellState(robot, "uuid", GridCell.kindState(ColumnKind.UUID))).isTrue();
        assertThat(BrowseGuiFixture.chips(robot)).singleElement().asString().startsWith("uuid = ");

        robot.interact(() -> grid.getSelectionModel().clearAndSelect(0));
        robot.interact(grid::requestFocus);
        robot.type(KeyCode.ENTER);
        waitFor(() -> Fx.read(() -> robot.lookup("#openActivitiesButton").tryQuery().map(n -> !n.isDisabled()).orElse(false)));
        Fx.click(robot, "#openActivitiesButton");
        waitFor(() -> grid.getItems().size() == 2 && grid.getColumns().stream().anyMatch(c -> "message".equals(c.getUserData())));
        assertThat(BrowseGuiFixture.chips(robot)).singleElement().asString().startsWith("user_uuid = ");
        assertThat(grid.getColumns()).containsExactlyElementsOf(activityColumns);
        waitFor(() -> cellState(robot, "replies_count", GridCell.kindState(ColumnKind.NUMBER)));
    }

    private static List<Object> columnNames(TableView<GridRow> grid) {
        return grid.getColumns().stream().skip(1).map(TableColumn::getUserData).toList(); // after the row number
    }

    /**
     * True when the cell of column {@code column} in the first grid row carries kind pseudo-class {@code kind} and no
     * other ({@code null}: none).
     */
    private static boolean cellState(FxRobot robot, String column, PseudoClass kind) throws Exception {
        // looked up on the FX thread: the grid's cells change while the rows are laid out
        return org.testfx.util.WaitForAsyncUtils.asyncFx(() -> cellStateNow(robot, column, kind)).get();
    }

    private static boolean cellStateNow(FxRobot robot, String column, PseudoClass kind) {
        Set<PseudoClass> kinds = Arrays.stream(ColumnKind.values()).map(GridCell::kindState).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return Fx.read(() -> robot.lookup(".table-cell").match((javafx.scene.Node n) -> n instanceof TableCell<?, ?> c
                        && c.getIndex() == 0 && column.equals(c.getTableColumn().getUserData())).tryQuery()
                .map(n -> {
                    Set<PseudoClass> shown = new HashSet<>(n.getPseudoClassStates());
                    shown.retainAll(kinds);
                    return kind == null ? shown.isEmpty() : shown.equals(Set.of(kind));
                }).orElse(false));
    }
}

