package com.cruddur.console.ui.schema;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.common.FxTaskExecutor;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Schema tab's Migrations section as a person uses it, headless, against the embedded test PostgreSQL: the list
 * shows the dev and the prod profile of one project side by side, Migrate and Roll back last change the dev side
 * only, through the step list and the log, and the SQL of the selected file is shown.
 */
@ExtendWith(ApplicationExtension.class)
class MigrationsViewTest {
    static final String FIRST = "20240101000000_create_t.sql";
    static final String SECOND = "20240102000000_add_note.sql";

    private Path home;
    private CoreServices core;
    private FxTaskExecutor executor;
    private final AnsweringDialogs dialogs = new AnsweringDialogs();
    private App.Built built;

    @Start
    void start(Stage stage) throws Exception {
        home = Files.createTempDirectory("cruddur-migrations-gui");
        core = GuiTestSupport.core(home);
        executor = new FxTaskExecutor(2);
        built = App.build(core, executor, dialogs);
        stage.setScene(new Scene(built.window().root(), 1024, 640));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        executor.close();
        core.close();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
    }

    private static long applied(String db) throws SQLException {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM schema_migrations")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // no schema_migrations table: nothing applied
            }
            throw e;
        }
    }

    private ConnectionProfile profile(String name, Environment env, String db, Path project) {
        ConnectionProfile p = ConnectionProfile.builder(name).environment(env).host("localhost").port(TestPostgres.port())
                .database(db).user("postgres").passwordSource(PasswordSource.NONE).sslMode(SslMode.DISABLE)
                .projectDir(project.toString()).build();
        core.profiles().store().add(p);
        return p;
    }

    private static List<String> states(TableView<MigrationRow> table, boolean dev) {
        return table.getItems().stream().map(r -> r.name() + ": " + (dev ? r.dev() : r.prod()).text()).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void migrateAndRollBackFromTheSchemaTabChangeTheDevSideOnly(FxRobot robot) throws Exception {
        Path project = Files.createDirectories(home.resolve("backend-flask/db/migrations")).getParent().getParent();
        Files.writeString(project.resolve("db/migrations/" + FIRST),
                "-- migrate:up\nCREATE TABLE public.t (id int);\n\n-- migrate:down\nDROP TABLE public.t;\n");
        Files.writeString(project.resolve("db/migrations/" + SECOND),
                "-- migrate:up\nALTER TABLE public.t ADD COLUMN note text;\n\n-- migrate:down\n"
                        + "ALTER TABLE public.t DROP COLUMN note;\n");
        String devDb = TestPostgres.freshDatabase("gui_mig_dev");
        String prodDb = TestPostgres.freshDatabase("gui_mig_prod");
        profile("prod", Environment.PROD, prodDb, project);
        ConnectionProfile dev = profile("dev", Environment.DEV, devDb, project);
        robot.interact(() -> {
            built.session().activate(dev);
            TabPane tabs = robot.lookup("#mainTabs").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "schemaTab".equals(t.getId()))
                    .findFirst().orElseThrow());
        });

        TableView<MigrationRow> table = robot.lookup("#migrationTable").queryAs(TableView.class);
        waitFor(() -> table.getItems().size() == 2);
        assertThat(states(table, true)).containsExactly(FIRST + ": pending", SECOND + ": pending");
        assertThat(states(table, false)).containsExactly(FIRST + ": pending", SECOND + ": pending");
        assertThat(table.getColumns()).extracting(TableColumn::getText)
                .containsExactly("Migration", "dev (active)", "prod");

        robot.clickOn("#migrateButton");
        waitFor(() -> states(table, true).equals(List.of(FIRST + ": applied", SECOND + ": applied")));
        assertThat(states(table, false)).as("prod is only read").containsExactly(FIRST + ": pending",
                SECOND + ": pending");
        assertThat(applied(devDb)).isEqualTo(2);
        assertThat(applied(prodDb)).isZero();
        ListView<StepRow> steps = robot.lookup("#stepList").queryAs(ListView.class);
        assertThat(steps.getItems()).as("the step list shows this run only").extracting(StepRow::text).satisfiesExactly(
                t -> assertThat(t).startsWith(FIRST + " — ok in "), t -> assertThat(t).startsWith(SECOND + " — ok in "));
        ListView<LogLine> log = robot.lookup("#logArea").queryAs(ListView.class);
        assertThat(log.getItems()).extracting(LogLine::text).contains("== migrate " + FIRST, "== migrate " + SECOND);
        waitFor(() -> lastLineShown(robot, log));

        robot.interact(() -> table.getSelectionModel().select(1));
        TextArea sql = robot.lookup("#migrationSql").queryAs(TextArea.class);
        waitFor(() -> sql.getText().contains("ADD COLUMN note"));

        robot.clickOn("#rollbackButton");
        waitFor(() -> states(table, true).equals(List.of(FIRST + ": applied", SECOND + ": pending")));
        assertThat(applied(devDb)).isEqualTo(1);
        assertThat(steps.getItems()).extracting(StepRow::text).singleElement().asString()
                .startsWith(SECOND + " — ok in ");
        assertThat(log.getItems()).extracting(LogLine::text).contains("== rollback " + SECOND);
        waitFor(() -> lastLineShown(robot, log));
        assertThat(robot.lookup("#errorArea").query().isVisible()).isFalse();

        // a failing migration: the error area opens under the log, whose last line stays in view
        Files.writeString(project.resolve("db/migrations/20240103000000_broken.sql"),
                "-- migrate:up\nCREATE TABLE public.u (id int,,);\n\n-- migrate:down\nDROP TABLE public.u;\n");
        robot.clickOn("#migrationsRefreshButton");
        waitFor(() -> table.getItems().size() == 3);
        robot.clickOn("#migrateButton");
        TextArea error = robot.lookup("#errorArea").queryAs(TextArea.class);
        waitFor(() -> error.isVisible() && error.getText().contains("20240103000000_broken.sql:2:"));
        waitFor(() -> states(table, true).equals(List.of(FIRST + ": applied", SECOND + ": applied",
                "20240103000000_broken.sql: pending")));
        assertThat(steps.getItems()).extracting(StepRow::text).satisfiesExactly(
                t -> assertThat(t).startsWith(SECOND + " — ok in "),
                t -> assertThat(t).startsWith("20240103000000_broken.sql — failed"));
        waitFor(() -> lastLineShown(robot, log));
        assertThat(dialogs.questions).as("a dev profile migrates without a question").isEmpty();
        String audit = Files.readString(core.audit().file());
        assertThat(audit).contains("\tdev\tlocalhost\t" + devDb + "\tmigrate ")
                .contains("\tdev\tlocalhost\t" + devDb + "\trollback last 1 (");
    }

    /** The log's last line is on screen: wholly inside the list's viewport (not under its scroll bar). */
    private static boolean lastLineShown(FxRobot robot, ListView<LogLine> log) {
        AtomicBoolean shown = new AtomicBoolean();
        robot.interact(() -> {
            Node viewport = log.lookup(".clipped-container");
            Bounds list = viewport.localToScene(viewport.getLayoutBounds());
            for (Node n : log.lookupAll(".list-cell")) {
                if (n instanceof ListCell<?> cell && cell.isVisible() && cell.getIndex() == log.getItems().size() - 1
                        && !cell.isEmpty()) {
                    Bounds b = cell.localToScene(cell.getLayoutBounds());
                    shown.set(b.getMinY() >= list.getMinY() - 0.5 && b.getMaxY() <= list.getMaxY() + 0.5);
                }
            }
        });
        return shown.get();
    }
}
