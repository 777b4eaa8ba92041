package com.cruddur.console.ui.browse;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.schema.script.BundledSql;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.common.FxTaskExecutor;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** The whole app over a fresh Cruddur database (bundled schema and seed plus generated users), headless. */
final class BrowseGuiFixture {
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    Path home;
    CoreServices core;
    FxTaskExecutor executor;
    App.Built built;

    void start(Stage stage) throws Exception {
        home = Files.createTempDirectory("cruddur-browse-gui");
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

    /** A database with the bundled schema, the seed (andrewbrown, bayko) and {@code extraUsers} users user0001…. */
    static String seededDatabase(String prefix, int extraUsers) throws SQLException {
        String db = TestPostgres.freshDatabase(prefix);
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute(BundledSql.schema().read());
            st.execute(BundledSql.seed().read());
            st.execute("INSERT INTO users (display_name, handle, email, cognito_user_id) SELECT 'User ' || i, "
                    + "'user' || lpad(i::text, 4, '0'), 'user' || i || '@example.com', 'gen-' || i "
                    + "FROM generate_series(1, " + extraUsers + ") i");
            st.execute("ANALYZE");
        }
        return db;
    }

    ConnectionProfile useProfile(FxRobot robot, String name, Environment env, String db) {
        ConnectionProfile p = ConnectionProfile.builder(name).environment(env).host("localhost").port(TestPostgres.port())
                .database(db).user("postgres").passwordSource(PasswordSource.NONE).sslMode(SslMode.DISABLE).build();
        core.profiles().store().add(p);
        robot.interact(() -> {
            built.session().activate(p);
            TabPane tabs = Fx.find(robot, "#mainTabs", TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "browseTab".equals(t.getId())).findFirst().orElseThrow());
        });
        return p;
    }

    static void waitFor(Callable<Boolean> condition) throws Exception {
        Fx.waitUntil(condition);
        // the condition is read off the FX thread, possibly half-way through the FX callback that made it true (rows
        // set, count label not yet): let that callback finish before the test reads anything else
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    static TableView<GridRow> grid(FxRobot robot) {
        return Fx.find(robot, "#grid", TableView.class);
    }

    @SuppressWarnings("unchecked")
    static ListView<Object> tableList(FxRobot robot) {
        return Fx.find(robot, "#tableList", ListView.class);
    }

    static String text(FxRobot robot, String id) {
        return Fx.text(robot, id);
    }

    /** Clicks the table list entry whose text starts with {@code name}. */
    static void openTable(FxRobot robot, String name) throws Exception {
        waitFor(() -> tableList(robot).getItems().size() >= 2);
        Node cell = Fx.find(robot, ".list-cell", n -> n instanceof javafx.scene.control.ListCell<?> c
                && c.getText() != null && (c.getText().equals(name) || c.getText().startsWith(name + " ")));
        Fx.click(robot, cell);
    }

    /** Clicks the header of the grid column {@code name}, with Shift held when {@code add}. */
    static void clickHeader(FxRobot robot, String name) throws Exception {
        Fx.click(robot, Fx.find(robot, ".column-name",
                n -> n instanceof Label l && l.getText().replaceAll(" [🔑▲▼\\d ]*$", "").equals(name)));
    }

    /** The sort marker ("▲", "▼2", or "") shown in the header of column {@code name}. */
    static String sortMarker(FxRobot robot, String name) {
        Node box = Fx.find(robot, ".column-header-box", n -> n.lookup(".column-name") instanceof Label l
                && l.getText().equals(name));
        return Fx.read(() -> ((Label) box.lookup(".sort-marker")).getText());
    }

    /** The texts of the filter chips, in order. */
    static java.util.List<String> chips(FxRobot robot) {
        return Fx.read(() -> robot.lookup(".filter-chip .chip-text").queryAllAs(Label.class).stream().map(Label::getText)
                .toList());
    }

    /** The ⋯ menu's item with id {@code id}. */
    static javafx.scene.control.MenuItem menuItem(FxRobot robot, String id) {
        return Fx.find(robot, "#moreMenu", javafx.scene.control.MenuButton.class).getItems().stream()
                .filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    /** Opens the ⋯ menu and clicks its item {@code text}, as a person would. */
    static void chooseMore(FxRobot robot, String text) {
        Fx.click(robot, "#moreMenu");
        java.util.function.Predicate<Node> item = n -> n instanceof Label l && text.equals(l.getText())
                && n.getScene() != null && n.getScene().getWindow() instanceof javafx.scene.control.ContextMenu;
        Fx.waitUntil("the menu item " + text, () -> robot.lookup(item).tryQuery().isPresent());
        Fx.click(robot, Fx.read(() -> robot.lookup(item).query()));
    }

    /** The value of column {@code column} in grid row {@code row} (wherever the column is shown). */
    static Object cell(FxRobot robot, int row, String column) {
        TableView<GridRow> grid = grid(robot);
        return grid.getColumns().stream().filter(c -> column.equals(c.getUserData())).findFirst()
                .orElseThrow(() -> new AssertionError("no column " + column + " in the grid"))
                .getCellData(row);
    }
}
