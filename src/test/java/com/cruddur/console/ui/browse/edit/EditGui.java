package com.cruddur.console.ui.browse.edit;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.browse.GridRow;
import com.cruddur.console.ui.common.FxTaskExecutor;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static com.cruddur.console.testsupport.TestPostgres.exec;

/**
 * The whole app, headless, over a fresh database holding one small table made for editing ({@code items}); waits on
 * conditions with a deadline and, when one never comes, fails saying what the edit panel showed instead of hanging.
 */
final class EditGui {
    /** Columns: a serial key, a unique not-null name, nullable text, integer, boolean, date, jsonb, enum, timestamptz. */
    static final String TABLE = "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');"
            + "CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL UNIQUE, note text, "
            + "qty integer NOT NULL DEFAULT 0, done boolean, due date, meta jsonb, mood mood, "
            + "added timestamptz NOT NULL DEFAULT now());"
            + "INSERT INTO items (name, note, qty) VALUES ('apple', 'red', 1), ('banana', 'yellow', 2), ('cherry', NULL, 3)";

    /** The profile active between tests: on the server's empty {@code postgres} database. */
    private static final String BETWEEN_TESTS = "between-tests";
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    private final FxRobot robot;
    private Path home;
    private CoreServices core;
    private FxTaskExecutor executor;
    App.Built built;

    EditGui(FxRobot robot) {
        this.robot = robot;
    }

    void start(Stage stage) throws Exception {
        home = Files.createTempDirectory("cruddur-edit-gui");
        core = GuiTestSupport.core(home);
        executor = new FxTaskExecutor(2);
        built = App.build(core, executor, dialogs);
        stage.setScene(new Scene(built.window().root(), 1280, 800));
        stage.show();
    }

    void stop() {
        executor.close();
        core.close();
    }

    /**
     * Brings the window back to the state a test starts in: pending edits discarded by switching to a profile on an
     * empty database (the only saved profile afterwards), the row detail closed, the dialogs' records cleared and
     * their answers as new.
     */
    void reset() throws Exception {
        dialogs.unsavedAnswer = com.cruddur.console.ui.common.UnsavedChoice.DISCARD;
        // the row detail is a pane the user opens and closes: it stays open over a switch of profile
        if (Fx.shown(robot, "#rowDetail")) {
            Fx.click(robot, "#closeDetailButton");
            await("the row detail closed", () -> !Fx.shown(robot, "#rowDetail"));
        }
        ConnectionProfile idle = core.profiles().store().find(BETWEEN_TESTS)
                .orElseGet(() -> addProfile(BETWEEN_TESTS, Environment.DEV, "postgres"));
        robot.interact(() -> built.session().activate(idle));
        await("the profile between tests active", () -> built.session().activeProfile().equals(idle));
        for (ConnectionProfile p : core.profiles().store().list()) {
            if (!p.name().equals(BETWEEN_TESTS)) {
                core.profiles().store().remove(p.name());
            }
        }
        dialogs.unsavedAnswer = com.cruddur.console.ui.common.UnsavedChoice.CANCEL;
        dialogs.confirmAnswer = true;
        dialogs.typedAnswer = null;
        dialogs.passwordAnswer = null;
        dialogs.showErrorFails = null;
        dialogs.errors.clear();
        dialogs.infos.clear();
        dialogs.questions.clear();
        dialogs.destructive.clear();
        dialogs.unsaved.clear();
    }

    /** Fails when the edit panel shows anything an earlier test could have left: the window is shared. */
    void assertNothingLeftOver() throws Exception {
        List<String> left = new ArrayList<>();
        if (!pendingToggle().equals("Pending changes (0)")) {
            left.add(pendingToggle());
        }
        if (!label("#editMessage").isEmpty() && !label("#editMessage").equals("(none)")) {
            left.add("edit message '" + label("#editMessage") + "'");
        }
        for (String id : List.of("#cellEditorBox", "#conflictActions", "#rowDetail")) {
            if (Fx.shown(robot, id)) {
                left.add(id + " shown");
            }
        }
        if (!dialogs.questions.isEmpty() || !dialogs.errors.isEmpty()) {
            left.add("dialogs " + dialogs.questions + " " + dialogs.errors);
        }
        if (!left.isEmpty()) {
            throw new AssertionError("left over from an earlier test: " + left);
        }
    }

    static String database(String prefix) throws SQLException {
        String db = TestPostgres.freshDatabase(prefix);
        exec(db, TABLE);
        return db;
    }

    /** Every row of {@code sql}'s result, its columns as text joined by "|" (NULL as "NULL"). */
    static List<String> rows(String db, String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    String v = rs.getString(i);
                    line.append(i == 1 ? "" : "|").append(v == null ? "NULL" : v);
                }
                out.add(line.toString());
            }
            return out;
        }
    }

    /** Activates a profile on {@code db}, shows the Browse tab and opens table {@code table}. */
    void open(String name, Environment env, String db, String table) throws Exception {
        ConnectionProfile p = addProfile(name, env, db);
        robot.interact(() -> {
            built.session().activate(p);
            TabPane tabs = Fx.find(robot, "#mainTabs", TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "browseTab".equals(t.getId())).findFirst().orElseThrow());
        });
        await("the table list shows " + table, () -> entry(table) != null);
        Fx.click(robot, entry(table));
        await("the grid shows rows of " + table, () -> !grid().getItems().isEmpty()
                && grid().getColumns().stream().anyMatch(c -> "id".equals(c.getUserData()) || "uuid".equals(c.getUserData())));
    }

    /** A saved profile on {@code db} (not made active). */
    ConnectionProfile addProfile(String name, Environment env, String db) {
        ConnectionProfile p = ConnectionProfile.builder(name).environment(env).host("localhost").port(TestPostgres.port())
                .database(db).user("postgres").passwordSource(PasswordSource.NONE).sslMode(SslMode.DISABLE).build();
        core.profiles().store().add(p);
        return p;
    }

    private Node entry(String table) {
        return Fx.read(() -> robot.lookup(".list-cell").match((Node n) -> n instanceof ListCell<?> c && c.getText() != null
                && (c.getText().equals(table) || c.getText().startsWith(table + " "))).tryQuery().orElse(null));
    }

    /** Waits for {@code condition}; on timeout fails naming what was awaited and what the edit panel said. */
    void await(String what, Callable<Boolean> condition) throws Exception {
        try {
            Fx.waitUntil(condition);
        } catch (AssertionError e) {
            throw new AssertionError("waited in vain for: " + what + "; edit message: '" + label("#editMessage")
                    + "', read-only reason: '" + label("#editReadOnlyReason") + "', errors: " + dialogs.errors
                    + ", questions: " + dialogs.questions);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    TableView<GridRow> grid() {
        return Fx.find(robot, "#grid", TableView.class);
    }

    String label(String id) {
        return Fx.read(() -> robot.lookup(id).tryQuery().map(n -> ((Label) n).getText()).orElse("(none)"));
    }

    String pendingToggle() {
        return Fx.find(robot, "#pendingToggle", ToggleButton.class).getText();
    }

    int columnIndex(String column) {
        List<String> names = grid().getColumns().stream().map(c -> String.valueOf(c.getUserData())).toList();
        int i = names.indexOf(column);
        if (i < 0) {
            throw new AssertionError("no column " + column + " in " + names);
        }
        return i;
    }

    /** The cell shown for grid row {@code row} in column {@code column} (scrolled into view first). */
    TableCell<?, ?> cell(int row, String column) throws Exception {
        robot.interact(() -> grid().scrollTo(row)); // interact awaits the events (the scroll's layout) itself
        return Fx.read(() -> robot.lookup(".table-cell").match((Node n) -> n instanceof TableCell<?, ?> c
                && c.getTableColumn() != null && column.equals(c.getTableColumn().getUserData()) && c.getTableRow() != null
                && c.getTableRow().getIndex() == row && c.isVisible()).queryAs(TableCell.class));
    }

    /** Clicks a cell as a person does: selects its row and makes its column the one edited. */
    void clickCell(int row, String column) throws Exception {
        Fx.click(robot, cell(row, column)); // Fx.click awaits the click's events
    }

    /**
     * Double-clicks a cell: a real click, then the second click as the toolkit reports it (click count 2). Two robot
     * clicks are not used: on a loaded machine they can come further apart than the desktop's double-click time.
     */
    void doubleClickCell(int row, String column) throws Exception {
        clickCell(row, column);
        TableCell<?, ?> cell = cell(row, column);
        robot.interact(() -> {
            javafx.geometry.Point2D at = cell.localToScene(cell.getWidth() / 2, cell.getHeight() / 2);
            javafx.geometry.Point2D screen = cell.localToScreen(cell.getWidth() / 2, cell.getHeight() / 2);
            javafx.event.Event.fireEvent(cell, new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_CLICKED,
                    at.getX(), at.getY(), screen.getX(), screen.getY(), javafx.scene.input.MouseButton.PRIMARY, 2,
                    false, false, false, false, true, false, false, true, false, true, null));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The text the grid shows in a cell. */
    String shown(int row, String column) throws Exception {
        TableCell<?, ?> cell = cell(row, column);
        return Fx.read(cell::getText);
    }
}
